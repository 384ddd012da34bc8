<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP" sourcelanguage="en">
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../src/wardapp/ui/error_dialog.py" line="28"/>
        <source>Cancelled</source>
        <translation>取り消し</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/error_dialog.py" line="32"/>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/error_dialog.py" line="38"/>
        <source>Unexpected error</source>
        <translation>予期しないエラー</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/error_dialog.py" line="39"/>
        <source>An unexpected error occurred. The operation did not finish.
Please pass the details below to the person who looks after wardapp.</source>
        <translation>予期しないエラーが発生し、処理は完了しませんでした。
下の「詳細」の内容を wardapp の担当者に伝えてください。</translation>
    </message>
</context>
<context>
    <name>HouseholdTableModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/households.py" line="42"/>
        <source>Household no.</source>
        <extracomment>Role returning the household&apos;s database id (int) for a row.</extracomment>
        <translation>世帯番号</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/households.py" line="43"/>
        <source>Head of household</source>
        <translation>世帯主</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/households.py" line="44"/>
        <source>Kana</source>
        <translation>カナ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/households.py" line="45"/>
        <source>Address</source>
        <translation>住所</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/households.py" line="46"/>
        <source>Building / room</source>
        <translation>方書</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/households.py" line="47"/>
        <source>Town</source>
        <translation>町字</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/households.py" line="48"/>
        <source>Members</source>
        <translation>人数</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/households.py" line="49"/>
        <source>Oldest (age)</source>
        <translation>最年長(歳)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/households.py" line="50"/>
        <source>Aged 65+ (persons)</source>
        <translation>65歳以上(人)</translation>
    </message>
</context>
<context>
    <name>ImportFlow</name>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="289"/>
        <source>Choose a registry extract (CSV)</source>
        <extracomment>The report (``ImportReport``) of a successful import. Emitted when the flow ends in any way (imported, rejected, cancelled, failed).</extracomment>
        <translation>住基データ（CSV）を選択</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="290"/>
        <source>Registry extracts (*.csv *.txt);;All files (*)</source>
        <translation>住基データ (*.csv *.txt);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="316"/>
        <source>Importing registry data</source>
        <translation>住基データの取り込み</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="317"/>
        <source>Reading {file}…</source>
        <translation>{file} を読み込んでいます…</translation>
    </message>
</context>
<context>
    <name>ImportOptionsDialog</name>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="78"/>
        <source>Import registry data</source>
        <translation>住基データの取り込み</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="89"/>
        <source>Standard column names (no profile)</source>
        <translation>標準の列名（プロファイルなし）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="90"/>
        <source>&amp;Browse…</source>
        <translation>参照(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="97"/>
        <source>&amp;Skip rows with errors and import the rest (skipped rows are listed)</source>
        <translation>誤りのある行を飛ばして残りを取り込む(&amp;S)（飛ばした行は一覧にします）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="100"/>
        <source>The import is done as a single transaction. If the file has errors or you cancel, the database is not changed.</source>
        <translation>取り込みは一括して行います。ファイルに誤りがある場合や取り消した場合、データベースは変更されません。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="104"/>
        <source>File:</source>
        <translation>ファイル:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="105"/>
        <source>&amp;Mapping profile:</source>
        <translation>列対応プロファイル(&amp;M):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="112"/>
        <source>&amp;Import</source>
        <translation>取り込む(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="114"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="127"/>
        <source>Choose a mapping profile</source>
        <translation>列対応プロファイルを選択</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="127"/>
        <source>Mapping profiles (*.toml);;All files (*)</source>
        <translation>列対応プロファイル (*.toml);;すべてのファイル (*)</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="166"/>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="167"/>
        <source>&amp;Copy list</source>
        <translation>一覧をコピー(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="206"/>
        <source>Import finished</source>
        <translation>取り込み完了</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="208"/>
        <source>Imported {file} ({encoding}, {profile}): {rows:,} rows.
The ward now has {persons:,} residents in {households:,} households.</source>
        <translation>{file}（{encoding}、{profile}）を取り込みました: {rows:,} 行。
現在 {persons:,} 人・{households:,} 世帯です。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="212"/>
        <source>Changes</source>
        <translation>増減</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="214"/>
        <source>Added</source>
        <translation>追加</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="214"/>
        <source>Changed</source>
        <translation>変更</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="214"/>
        <source>Removed</source>
        <translation>削除</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="217"/>
        <source>Residents</source>
        <translation>住民</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="217"/>
        <source>Households</source>
        <translation>世帯</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="226"/>
        <source>Nothing has changed since the previous import.</source>
        <translation>前回の取り込みから変更はありません。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="228"/>
        <source>Movements</source>
        <translation>異動</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="251"/>
        <source>Skipped rows ({n})</source>
        <translation>飛ばした行（{n}）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="252"/>
        <source>Warnings ({n})</source>
        <translation>注意（{n}）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="253"/>
        <source>Gaiji ({n})</source>
        <translation>外字（{n}）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="256"/>
        <source>Gaiji (private-use characters) were stored as they are. Please check how they print.</source>
        <translation>外字（私用領域の文字）はそのまま保存しました。表示・印刷を確認してください。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="262"/>
        <source>File not imported</source>
        <translation>取り込みできませんでした</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="264"/>
        <source>Correct the rows below (or import with “skip rows with errors”) and import the file again.</source>
        <translation>下の行を直してから（または「誤りのある行を飛ばす」を選んで）もう一度取り込んでください。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="265"/>
        <source>Problems ({n})</source>
        <translation>問題（{n}）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="49"/>
        <source>wardapp — demo ward (fictitious)</source>
        <extracomment>The status-bar counts were refreshed (tests wait on it).</extracomment>
        <translation>wardapp — デモ区（架空）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="51"/>
        <source>wardapp — {name}</source>
        <translation>wardapp — {name}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="56"/>
        <source>Pages</source>
        <translation>ページ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="77"/>
        <source>This is a fictitious demo ward. The people and addresses are not real.</source>
        <translation>デモ用の架空の区です。実在の人物・住所ではありません。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="104"/>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="105"/>
        <source>&amp;Import registry data…</source>
        <translation>住基データの取り込み(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="108"/>
        <source>Import a resident registry extract (CSV)</source>
        <translation>住民基本台帳の抽出データ（CSV）を取り込みます</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="112"/>
        <source>E&amp;xit</source>
        <translation>終了(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="119"/>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="120"/>
        <source>&amp;Filter…</source>
        <translation>絞り込み(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="133"/>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="134"/>
        <source>&amp;About wardapp</source>
        <translation>バージョン情報(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="142"/>
        <source>Database: {path}</source>
        <translation>データベース: {path}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="183"/>
        <source>Counting…</source>
        <translation>集計中…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="189"/>
        <source>{households:,} households, {persons:,} residents</source>
        <translation>{households:,} 世帯・{persons:,} 人</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="202"/>
        <source>About wardapp</source>
        <translation>バージョン情報</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="201"/>
        <source>wardapp {version}

Disaster victim support and digital-divide outreach for ward offices. Works offline; the data stays on this computer.</source>
        <translation>wardapp {version}

区役所のための被災者支援・デジタルデバイド対策アプリです。オフラインで動作し、データはこのパソコンの外に出ません。</translation>
    </message>
</context>
<context>
    <name>MemberTableModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/members.py" line="21"/>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/members.py" line="22"/>
        <source>Kana</source>
        <translation>カナ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/members.py" line="23"/>
        <source>Date of birth</source>
        <translation>生年月日</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/members.py" line="24"/>
        <source>Japanese calendar</source>
        <translation>和暦</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/members.py" line="25"/>
        <source>Age</source>
        <translation>年齢</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/members.py" line="26"/>
        <source>Sex</source>
        <translation>性別</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/members.py" line="27"/>
        <source>Relationship</source>
        <translation>続柄</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/members.py" line="28"/>
        <source>Building / room</source>
        <translation>方書</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/members.py" line="29"/>
        <source>Resident type</source>
        <translation>住民区分</translation>
    </message>
</context>
<context>
    <name>RecordTableModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/records.py" line="87"/>
        <location filename="../../src/wardapp/ui/models/records.py" line="98"/>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/records.py" line="88"/>
        <location filename="../../src/wardapp/ui/models/records.py" line="99"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/records.py" line="89"/>
        <location filename="../../src/wardapp/ui/models/records.py" line="101"/>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/records.py" line="90"/>
        <source>Problem</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/records.py" line="100"/>
        <source>Code point</source>
        <translation>文字コード</translation>
    </message>
</context>
<context>
    <name>ResidentsPage</name>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="75"/>
        <source>Residents</source>
        <extracomment>Wait this long after the last keystroke before filtering (ms): typing stays fluid and a 200,000-household filter runs once per pause, not once per character. The households table shows a new snapshot (after a load or reload). The detail panel shows the members of this household id.</extracomment>
        <translation>住民</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="125"/>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="303"/>
        <source>(all towns)</source>
        <translation>（すべての町字）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="131"/>
        <source>e.g. やまだ, 山田, ﾔﾏﾀﾞ or a household number</source>
        <translation>例: やまだ、山田、ﾔﾏﾀﾞ、世帯番号</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="139"/>
        <source>to</source>
        <translation>〜</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="146"/>
        <source>Ages are counted on this date</source>
        <translation>この日現在の年齢で表示・絞り込みします</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="151"/>
        <source>&amp;Clear</source>
        <translation>条件をクリア(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="166"/>
        <source>&amp;Town:</source>
        <translation>町字(&amp;T):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="169"/>
        <source>&amp;Name / kana / no.:</source>
        <translation>氏名・カナ・番号(&amp;N):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="172"/>
        <source>&amp;Age:</source>
        <translation>年齢(&amp;A):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="175"/>
        <source>&amp;Reference date:</source>
        <translation>基準日(&amp;D):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="194"/>
        <source>any</source>
        <translation>指定なし</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="195"/>
        <source> yrs</source>
        <translation> 歳</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="251"/>
        <source>Members of the household</source>
        <translation>世帯の構成員</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="253"/>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="445"/>
        <source>Select a household to see its members.</source>
        <translation>世帯を選ぶと構成員が表示されます。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="280"/>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="306"/>
        <source>(town not determined)</source>
        <translation>（町字未判定）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="341"/>
        <source>{shown:,} of {total:,} households</source>
        <translation>{total:,} 世帯中 {shown:,} 世帯</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="438"/>
        <source>Household {no} — {address} — {n} member(s)</source>
        <translation>世帯番号 {no} — {address} — {n} 人</translation>
    </message>
</context>
<context>
    <name>Task</name>
    <message>
        <location filename="../../src/wardapp/ui/tasks.py" line="119"/>
        <source>Cancel</source>
        <extracomment>A progress dialog appears only for work that takes longer than this (ms), so quick operations do not flash a window. Progress signals per second at most; the core may report far more often than a screen shows. Emitted after the success or failure callback has run.</extracomment>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/tasks.py" line="142"/>
        <source>Cancelling…</source>
        <translation>取り消しています…</translation>
    </message>
</context>
</TS>
