<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP" sourcelanguage="en">
<context>
    <name>AddressGroupModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="106"/>
        <source>Address</source>
        <translation>住所</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="119"/>
        <source>Town</source>
        <translation>町字</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="107"/>
        <source>Households</source>
        <translation>世帯数</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="121"/>
        <source>Household numbers</source>
        <translation>世帯番号</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="103"/>
        <source>Spellings</source>
        <translation>書き方</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="113"/>
        <source>Candidates</source>
        <translation>候補数</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="115"/>
        <source>Apart</source>
        <translation>候補間の距離</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="116"/>
        <source>Largest distance between two candidates</source>
        <translation>候補どうしの最大の距離</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="124"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
</context>
<context>
    <name>CandidateModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="135"/>
        <source>Candidate point</source>
        <translation>候補の地点</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="139"/>
        <source>Level</source>
        <translation>レベル</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="138"/>
        <source>Dataset</source>
        <translation>データ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="136"/>
        <source>To nearest other</source>
        <translation>他の候補まで</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="137"/>
        <source>Distance to the nearest other candidate</source>
        <translation>いちばん近い他の候補までの距離</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="140"/>
        <source>Latitude</source>
        <translation>緯度</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="141"/>
        <source>Longitude</source>
        <translation>経度</translation>
    </message>
</context>
<context>
    <name>DictionaryImportFlow</name>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="75"/>
        <source>Choose address data files</source>
        <extracomment>Layer kinds of :func:`wardapp.geo.layers.import_layer`, in menu order. The store was written (an import, or matching after it); the argument is the report.</extracomment>
        <translation>住所データのファイルを選択</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="76"/>
        <source>Address data (*.csv *.zip);;All files (*)</source>
        <translation>住所データ (*.csv *.zip);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="90"/>
        <source>Importing address data</source>
        <translation>住所辞書データの取り込み</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="91"/>
        <source>Reading {files}…</source>
        <translation>{files} を読み込んでいます…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="94"/>
        <source>Address data imported</source>
        <translation>住所辞書データを取り込みました</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="96"/>
        <source>&amp;Run matching now</source>
        <translation>今すぐ照合を実行(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="97"/>
        <source>Households keep their old points until matching runs again</source>
        <translation>照合をやり直すまで、世帯は以前の地点のままです</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="110"/>
        <source>Matching addresses</source>
        <translation>住所の照合</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="111"/>
        <source>Matching the households&apos; addresses with the address dictionary…</source>
        <translation>世帯の住所を住所辞書と照合しています…</translation>
    </message>
</context>
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
    <name>FixModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="164"/>
        <source>Latitude/longitude entered</source>
        <translation>緯度・経度を指定</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="168"/>
        <source>Address</source>
        <translation>住所</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="169"/>
        <source>Decided point</source>
        <translation>決めた地点</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="170"/>
        <source>Latitude</source>
        <translation>緯度</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="171"/>
        <source>Longitude</source>
        <translation>経度</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="172"/>
        <source>Households</source>
        <translation>世帯数</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="174"/>
        <source>No household has this address now</source>
        <translation>現在この住所の世帯はありません</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="175"/>
        <source>Fixed by</source>
        <translation>修正した人</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="176"/>
        <source>Fixed on</source>
        <translation>修正日時</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="177"/>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
</context>
<context>
    <name>GazetteerPage</name>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="158"/>
        <source>Address dictionary</source>
        <extracomment>The colour stripe of each level&apos;s tile: green for precise, amber for coarse, red for work. A text column is not made wider than this many characters by fitting (the rest is elided). A review snapshot is shown (after every load: start, matching, a fix, an undo). A fix or an undo was written; the argument is the number of households it touched.</extracomment>
        <translation>住所辞書</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="203"/>
        <source>Households joined to the address dictionary</source>
        <translation>住所辞書との照合の状況</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="213"/>
        <source>&amp;Run matching</source>
        <translation>照合を実行(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="215"/>
        <source>Match every household&apos;s address with the address dictionary again</source>
        <translation>すべての世帯の住所を住所辞書と照合し直します</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="230"/>
        <source>Match rate by town</source>
        <translation>町字ごとの照合率</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="248"/>
        <source>No point of the dictionary fits these addresses. Check the spelling in the registry, or place them by hand.</source>
        <translation>住所辞書にこれらの住所に合う地点がありません。住基の表記を確認するか、地点を手作業で指定してください。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="251"/>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="280"/>
        <source>&amp;Place point…</source>
        <translation>地点を指定(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="277"/>
        <source>&amp;Choose this candidate</source>
        <translation>この候補に決める(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="282"/>
        <source>None of the candidates is right: choose another point</source>
        <translation>どの候補も違うとき: 別の地点を指定します</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="309"/>
        <source>Decisions are kept by address: the next registry import finds them again.</source>
        <translation>手作業の修正は住所ごとに保存され、次回の住基データの取り込み後も引き継がれます。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="311"/>
        <source>&amp;Undo fix</source>
        <translation>修正を取り消す(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="313"/>
        <source>Forget this decision and match the address again</source>
        <translation>この修正を取り消し、住所を照合し直します</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="328"/>
        <source>Not matched ({n:,})</source>
        <translation>照合できない住所（{n:,}）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="329"/>
        <source>Several candidates ({n:,})</source>
        <translation>候補が複数の住所（{n:,}）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="330"/>
        <source>Fixed by hand ({n:,})</source>
        <translation>手作業の修正（{n:,}）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="343"/>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="398"/>
        <source>{households:,} households; match rate (block or finer) {rate}</source>
        <translation>全{households:,}世帯・照合率（街区以上）{rate}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="400"/>
        <source>{points:,} points in the address dictionary</source>
        <translation>住所辞書 {points:,}地点</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="402"/>
        <source>last matched {when} by {user}</source>
        <translation>前回の照合 {when}（{user}）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="405"/>
        <source>matching has not been run yet</source>
        <translation>照合はまだ実行されていません</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="406"/>
        <source>; </source>
        <translation>・</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="408"/>
        <source>The address dictionary is empty: import address data first (File menu).</source>
        <translation>住所辞書が空です。先に住所辞書データを取り込んでください（ファイル メニュー）。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="410"/>
        <source>{n:,} households have not been matched yet: press Run matching.</source>
        <translation>{n:,}世帯はまだ照合されていません。「照合を実行」を押してください。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="417"/>
        <source>Residence no.</source>
        <translation>号</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="418"/>
        <source>Matched to the point of the residence number (号) or lot (地番)</source>
        <translation>号（住居番号）または地番の地点に照合</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="419"/>
        <source>Block</source>
        <translation>街区</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="419"/>
        <source>Matched to the point of the block (街区)</source>
        <translation>街区の地点に照合</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="420"/>
        <source>Town only</source>
        <translation>町字のみ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="421"/>
        <source>Only the town was found: placed at the town&apos;s representative point</source>
        <translation>町字までしか分からず、町字の代表点に置いています</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="422"/>
        <source>Several candidates</source>
        <translation>候補が複数</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="423"/>
        <source>Several places fit the address: staff must choose one</source>
        <translation>住所に合う場所が複数あります。職員がどれかに決めてください</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="424"/>
        <source>Not matched</source>
        <translation>照合できず</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="425"/>
        <source>No point of the dictionary fits the address</source>
        <translation>住所辞書に住所に合う地点がありません</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="426"/>
        <source>Fixed by hand</source>
        <translation>手作業</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="427"/>
        <source>Placed by staff (kept across registry imports)</source>
        <translation>職員が手作業で位置を決めた世帯（住基データを取り込み直しても保持）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="428"/>
        <source>Not yet matched</source>
        <translation>未照合</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="429"/>
        <source>Imported since the last matching run: run matching to place them</source>
        <translation>前回の照合の後に取り込まれた世帯。照合を実行すると位置が決まります</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="458"/>
        <source>Select an address to see the points that fit it.</source>
        <translation>住所を選ぶと、その住所に合う地点が表示されます。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="461"/>
        <source>&lt;b&gt;Candidate points for {address}&lt;/b&gt; ({reason})</source>
        <translation>&lt;b&gt;{address} の候補の地点&lt;/b&gt;（{reason}）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="501"/>
        <source>Matching addresses</source>
        <translation>住所の照合</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="502"/>
        <source>Matching the households&apos; addresses with the address dictionary…</source>
        <translation>世帯の住所を住所辞書と照合しています…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="505"/>
        <source>Matched {n:,} households in {seconds:.1f} s.</source>
        <translation>{n:,}世帯を照合しました（{seconds:.1f}秒）。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="552"/>
        <source>{address}: {n:,} household(s) placed at {place}.</source>
        <translation>{address}: {n:,}世帯の位置を {place} に決めました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="558"/>
        <source>Recording the decision</source>
        <translation>修正の記録</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="559"/>
        <source>Placing the households of {address}…</source>
        <translation>{address} の世帯の位置を記録しています…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="567"/>
        <source>Undo the fix for {address}?
Its {n:,} household(s) will be matched again with the address dictionary.</source>
        <translation>{address} の修正を取り消しますか？
{n:,}世帯の住所を住所辞書と照合し直します。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="568"/>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="590"/>
        <source>Undo fix</source>
        <translation>修正の取り消し</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="586"/>
        <source>The fix for {address} was undone; {n:,} household(s) matched again.</source>
        <translation>{address} の修正を取り消し、{n:,}世帯を照合し直しました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="591"/>
        <source>Matching {address} again…</source>
        <translation>{address} を照合し直しています…</translation>
    </message>
</context>
<context>
    <name>GazetteerTables</name>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="52"/>
        <source>{numbers} and {n} more</source>
        <extracomment>Household numbers shown in a cell before 「ほか n 世帯」. Household numbers listed in a tooltip at most.</extracomment>
        <translation>{numbers} ほか{n}世帯</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="60"/>
        <source>… {n} more</source>
        <translation>…ほか{n}世帯</translation>
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
        <location filename="../../src/wardapp/ui/import_dialog.py" line="291"/>
        <source>Choose a registry extract (CSV)</source>
        <extracomment>The report (``ImportReport``) of a successful import. Emitted when the flow ends in any way (imported, rejected, cancelled, failed).</extracomment>
        <translation>住基データ（CSV）を選択</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="292"/>
        <source>Registry extracts (*.csv *.txt);;All files (*)</source>
        <translation>住基データ (*.csv *.txt);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="319"/>
        <source>Importing registry data</source>
        <translation>住基データの取り込み</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="320"/>
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
        <location filename="../../src/wardapp/ui/import_dialog.py" line="208"/>
        <source>Import finished</source>
        <translation>取り込み完了</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="210"/>
        <source>Imported {file} ({encoding}, {profile}): {rows:,} rows.
The ward now has {persons:,} residents in {households:,} households.</source>
        <translation>{file}（{encoding}、{profile}）を取り込みました: {rows:,} 行。
現在 {persons:,} 人・{households:,} 世帯です。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="214"/>
        <source>Changes</source>
        <translation>増減</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="216"/>
        <source>Added</source>
        <translation>追加</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="216"/>
        <source>Changed</source>
        <translation>変更</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="216"/>
        <source>Removed</source>
        <translation>削除</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="219"/>
        <source>Residents</source>
        <translation>住民</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="219"/>
        <source>Households</source>
        <translation>世帯</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="228"/>
        <source>Nothing has changed since the previous import.</source>
        <translation>前回の取り込みから変更はありません。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="230"/>
        <source>Movements</source>
        <translation>異動</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="253"/>
        <source>Skipped rows ({n})</source>
        <translation>飛ばした行（{n}）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="254"/>
        <source>Warnings ({n})</source>
        <translation>注意（{n}）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="255"/>
        <source>Gaiji ({n})</source>
        <translation>外字（{n}）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="258"/>
        <source>Gaiji (private-use characters) were stored as they are. Please check how they print.</source>
        <translation>外字（私用領域の文字）はそのまま保存しました。表示・印刷を確認してください。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="264"/>
        <source>File not imported</source>
        <translation>取り込みできませんでした</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="266"/>
        <source>Correct the rows below (or import with “skip rows with errors”) and import the file again.</source>
        <translation>下の行を直してから（または「誤りのある行を飛ばす」を選んで）もう一度取り込んでください。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="267"/>
        <source>Problems ({n})</source>
        <translation>問題（{n}）</translation>
    </message>
</context>
<context>
    <name>LayerImportDialog</name>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="121"/>
        <source>Import a map layer</source>
        <translation>地図レイヤの取り込み</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="125"/>
        <source>Shapefile, GeoPackage, GeoJSON or CSV</source>
        <translation>シェープファイル、GeoPackage、GeoJSON または CSV</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="127"/>
        <source>&amp;Browse…</source>
        <translation>参照(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="136"/>
        <source>Town boundaries</source>
        <translation>町字の境界</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="137"/>
        <source>Flood inundation zones</source>
        <translation>浸水想定区域</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="138"/>
        <source>Shelters and evacuation sites</source>
        <translation>避難所・避難場所</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="139"/>
        <source>Other facilities</source>
        <translation>その他の施設</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="144"/>
        <source>&amp;File:</source>
        <translation>ファイル(&amp;F):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="147"/>
        <source>&amp;Kind:</source>
        <translation>種類(&amp;K):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="150"/>
        <source>A layer imported again replaces what the same source imported before.</source>
        <translation>同じ出典のレイヤを取り込み直すと、前回の内容を置き換えます。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="155"/>
        <source>&amp;Import</source>
        <translation>取り込む(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="168"/>
        <source>Choose a map layer</source>
        <translation>地図レイヤのファイルを選択</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="169"/>
        <source>Map layers (*.shp *.gpkg *.geojson *.json *.csv *.zip);;All files (*)</source>
        <translation>地図レイヤ (*.shp *.gpkg *.geojson *.json *.csv *.zip);;すべてのファイル (*)</translation>
    </message>
</context>
<context>
    <name>LayerImportFlow</name>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="216"/>
        <source>Importing a map layer</source>
        <translation>地図レイヤの取り込み</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="217"/>
        <source>Reading {file}…</source>
        <translation>{file} を読み込んでいます…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="220"/>
        <source>Map layer imported</source>
        <translation>地図レイヤを取り込みました</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="50"/>
        <source>wardapp — demo ward (fictitious)</source>
        <extracomment>The status-bar counts were refreshed (tests wait on it).</extracomment>
        <translation>wardapp — デモ区（架空）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="52"/>
        <source>wardapp — {name}</source>
        <translation>wardapp — {name}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="57"/>
        <source>Pages</source>
        <translation>ページ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="78"/>
        <source>This is a fictitious demo ward. The people and addresses are not real.</source>
        <translation>デモ用の架空の区です。実在の人物・住所ではありません。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="109"/>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="110"/>
        <source>&amp;Import registry data…</source>
        <translation>住基データの取り込み(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="113"/>
        <source>Import a resident registry extract (CSV)</source>
        <translation>住民基本台帳の抽出データ（CSV）を取り込みます</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="116"/>
        <source>Import &amp;address dictionary data…</source>
        <translation>住所辞書データの取り込み(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="118"/>
        <source>Import official address data (MLIT position reference data, Address Base Registry)</source>
        <translation>公的な住所データ（位置参照情報・アドレス・ベース・レジストリ）を取り込みます</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="121"/>
        <source>Import &amp;map layer…</source>
        <translation>地図レイヤの取り込み(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="123"/>
        <source>Import town boundaries, flood zones, shelters or facilities</source>
        <translation>町字の境界・浸水想定区域・避難所・施設を取り込みます</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="127"/>
        <source>E&amp;xit</source>
        <translation>終了(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="134"/>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="135"/>
        <source>&amp;Filter…</source>
        <translation>絞り込み(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="148"/>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="149"/>
        <source>&amp;About wardapp</source>
        <translation>バージョン情報(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="157"/>
        <source>Database: {path}</source>
        <translation>データベース: {path}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="198"/>
        <source>Counting…</source>
        <translation>集計中…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="204"/>
        <source>{households:,} households, {persons:,} residents</source>
        <translation>{households:,} 世帯・{persons:,} 人</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="217"/>
        <source>About wardapp</source>
        <translation>バージョン情報</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="216"/>
        <source>wardapp {version}

Disaster victim support and digital-divide outreach for ward offices. Works offline; the data stays on this computer.</source>
        <translation>wardapp {version}

区役所のための被災者支援・デジタルデバイド対策アプリです。オフラインで動作し、データはこのパソコンの外に出ません。</translation>
    </message>
</context>
<context>
    <name>MapPage</name>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="73"/>
        <source>Map</source>
        <translation>地図</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="95"/>
        <location filename="../../src/wardapp/ui/pages/map.py" line="264"/>
        <source>Loading the map…</source>
        <translation>地図を読み込んでいます…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="126"/>
        <source>Find a household</source>
        <translation>世帯を探す</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="130"/>
        <source>Household no., name, kana or address</source>
        <translation>世帯番号・氏名・カナ・住所</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="147"/>
        <source>Figures by town</source>
        <translation>町丁目別の集計</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="150"/>
        <source>Households with score at least</source>
        <translation>世帯スコアが次の値以上の世帯数</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="151"/>
        <source>Persons aged at least</source>
        <translation>次の年齢以上の人数</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="158"/>
        <source>&amp;Colour the towns</source>
        <translation>町丁目を色分けする(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="170"/>
        <source>Selected area</source>
        <translation>選択した範囲</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="172"/>
        <location filename="../../src/wardapp/ui/pages/map.py" line="415"/>
        <source>Draw a polygon, rectangle or circle on the map.</source>
        <translation>地図の左上の道具で、多角形・四角形・円の範囲を描いてください。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="192"/>
        <source>C&amp;lear the area</source>
        <translation>範囲を消す(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="203"/>
        <source>Household on the map</source>
        <translation>地図で選んだ世帯</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="204"/>
        <source>Click a household on the map to see who lives there.</source>
        <translation>地図上の世帯の点をクリックすると、住んでいる人を表示します。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="241"/>
        <source>The map cannot be shown: the wardapp:// scheme was not registered before the application started.</source>
        <translation>地図を表示できません（アプリの起動前に wardapp:// の登録ができませんでした）。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="309"/>
        <source>{placed:,} of {total:,} households are on the map.</source>
        <translation>{total:,}世帯のうち{placed:,}世帯を地図に表示しています。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="336"/>
        <source>  (not on the map)</source>
        <translation>  （地図上の位置なし）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="342"/>
        <source>No household found.</source>
        <translation>該当する世帯はありません。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="352"/>
        <source>Household {no} has no point on the map (its address is not matched).</source>
        <translation>世帯番号 {no} は地図上の位置がありません（住所が照合されていません）。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="370"/>
        <source>Finding the households in the area…</source>
        <translation>範囲内の世帯を探しています…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="392"/>
        <source>{area}: {households:,} households, {persons:,} persons</source>
        <translation>{area}：{households:,}世帯・{persons:,}人</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="453"/>
        <source>{n} households at this point</source>
        <translation>この地点に{n}世帯</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="464"/>
        <source>… and {n} more</source>
        <translation>…ほか{n}世帯</translation>
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
    <name>PlacePointDialog</name>
    <message>
        <location filename="../../src/wardapp/ui/place_dialog.py" line="83"/>
        <source>Place an address</source>
        <extracomment>Wait this long after the last keystroke in the number box before narrowing the list (ms). The chosen place in words, for the status bar. The 町字 chosen in the dialog (recorded with a position typed by hand). The town&apos;s points are in the list (tests wait on it). The town list is filled.</extracomment>
        <translation>地点の指定</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/place_dialog.py" line="91"/>
        <source>&lt;b&gt;{address}&lt;/b&gt; ({n} household(s))</source>
        <translation>&lt;b&gt;{address}&lt;/b&gt;（{n}世帯）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/place_dialog.py" line="101"/>
        <source>&amp;Town:</source>
        <translation>町字(&amp;T):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/place_dialog.py" line="104"/>
        <source>Choose a &amp;point of the address dictionary</source>
        <translation>住所辞書の地点から選ぶ(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/place_dialog.py" line="106"/>
        <source>Enter &amp;latitude and longitude</source>
        <translation>緯度・経度を入力する(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/place_dialog.py" line="117"/>
        <source>e.g. 3-4, 3番4号 or 123番地</source>
        <translation>例: 3-4、3番4号、123番地</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/place_dialog.py" line="121"/>
        <source>&amp;Number:</source>
        <translation>番号(&amp;N):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/place_dialog.py" line="148"/>
        <source>e.g. 35.681236</source>
        <translation>例: 35.681236</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/place_dialog.py" line="152"/>
        <source>e.g. 139.767125</source>
        <translation>例: 139.767125</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/place_dialog.py" line="155"/>
        <source>Latit&amp;ude (N):</source>
        <translation>緯度・北緯(&amp;U):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/place_dialog.py" line="156"/>
        <source>Longitud&amp;e (E):</source>
        <translation>経度・東経(&amp;E):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/place_dialog.py" line="157"/>
        <source>A &quot;latitude, longitude&quot; pair copied from a map can be pasted into the latitude box.</source>
        <translation>地図からコピーした「緯度, 経度」は、緯度の欄にまとめて貼り付けられます。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/place_dialog.py" line="164"/>
        <source>Optional: why this place (e.g. confirmed by phone)</source>
        <translation>任意: この地点にした理由（例: 電話で確認）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/place_dialog.py" line="165"/>
        <source>N&amp;ote:</source>
        <translation>メモ(&amp;O):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/place_dialog.py" line="177"/>
        <source>&amp;Place here</source>
        <translation>この地点に決める(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/place_dialog.py" line="237"/>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/place_dialog.py" line="266"/>
        <source>{shown:,} of {total:,} points</source>
        <translation>{total:,}地点中 {shown:,}地点</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/place_dialog.py" line="314"/>
        <source>Choose a point in the list, or enter latitude and longitude.</source>
        <translation>一覧から地点を選ぶか、緯度・経度を入力してください。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/place_dialog.py" line="321"/>
        <source>Enter latitude and longitude as decimal degrees, e.g. 35.681236 and 139.767125.</source>
        <translation>緯度・経度を10進数の度で入力してください（例: 35.681236 と 139.767125）。</translation>
    </message>
</context>
<context>
    <name>PointModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="151"/>
        <source>Number</source>
        <translation>番号</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="151"/>
        <source>(town centre point)</source>
        <translation>（町字の代表点）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="152"/>
        <source>Level</source>
        <translation>レベル</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="153"/>
        <source>Dataset</source>
        <translation>データ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="154"/>
        <source>Latitude</source>
        <translation>緯度</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="155"/>
        <source>Longitude</source>
        <translation>経度</translation>
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
        <location filename="../../src/wardapp/ui/pages/residents.py" line="76"/>
        <source>Residents</source>
        <extracomment>Wait this long after the last keystroke before filtering (ms): typing stays fluid and a 200,000-household filter runs once per pause, not once per character. The households table shows a new snapshot (after a load or reload). The detail panel shows the members of this household id.</extracomment>
        <translation>住民</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="126"/>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="321"/>
        <source>(all towns)</source>
        <translation>（すべての町字）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="132"/>
        <source>e.g. やまだ, 山田, ﾔﾏﾀﾞ or a household number</source>
        <translation>例: やまだ、山田、ﾔﾏﾀﾞ、世帯番号</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="140"/>
        <source>to</source>
        <translation>〜</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="147"/>
        <source>Ages are counted on this date</source>
        <translation>この日現在の年齢で表示・絞り込みします</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="152"/>
        <source>&amp;Clear</source>
        <translation>条件をクリア(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="167"/>
        <source>&amp;Town:</source>
        <translation>町字(&amp;T):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="170"/>
        <source>&amp;Name / kana / no.:</source>
        <translation>氏名・カナ・番号(&amp;N):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="173"/>
        <source>&amp;Age:</source>
        <translation>年齢(&amp;A):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="176"/>
        <source>&amp;Reference date:</source>
        <translation>基準日(&amp;D):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="195"/>
        <source>any</source>
        <translation>指定なし</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="196"/>
        <source> yrs</source>
        <translation> 歳</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="267"/>
        <source>Members of the household</source>
        <translation>世帯の構成員</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="269"/>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="463"/>
        <source>Select a household to see its members.</source>
        <translation>世帯を選ぶと構成員が表示されます。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="296"/>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="324"/>
        <source>(town not determined)</source>
        <translation>（町字未判定）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="359"/>
        <source>{shown:,} of {total:,} households</source>
        <translation>{total:,} 世帯中 {shown:,} 世帯</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="456"/>
        <source>Household {no} — {address} — {n} member(s)</source>
        <translation>世帯番号 {no} — {address} — {n} 人</translation>
    </message>
</context>
<context>
    <name>SelectionTreeModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/selection.py" line="41"/>
        <source>No.</source>
        <translation>番号</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/selection.py" line="41"/>
        <source>Household no.</source>
        <translation>世帯番号</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/selection.py" line="41"/>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/selection.py" line="41"/>
        <source>Age</source>
        <translation>年齢</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/selection.py" line="42"/>
        <source>Sex</source>
        <translation>性別</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/selection.py" line="42"/>
        <source>Relationship</source>
        <translation>続柄</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/selection.py" line="42"/>
        <source>Score</source>
        <translation>スコア</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/selection.py" line="42"/>
        <source>Categories</source>
        <translation>区分</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/selection.py" line="43"/>
        <source>Address</source>
        <translation>住所</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/selection.py" line="114"/>
        <source>{n} member(s)</source>
        <translation>{n}人</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/selection.py" line="123"/>
        <source>No point on the map for this address</source>
        <translation>この住所は地図上の位置がありません</translation>
    </message>
</context>
<context>
    <name>Task</name>
    <message>
        <location filename="../../src/wardapp/ui/tasks.py" line="120"/>
        <source>Cancel</source>
        <extracomment>A progress dialog appears only for work that takes longer than this (ms), so quick operations do not flash a window. Progress signals per second at most; the core may report far more often than a screen shows. Emitted after the success or failure callback has run.</extracomment>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/tasks.py" line="137"/>
        <source>Cancelling…</source>
        <translation>取り消しています…</translation>
    </message>
</context>
<context>
    <name>TownRateModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="82"/>
        <source>Town</source>
        <translation>町字</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="83"/>
        <source>Households</source>
        <translation>世帯数</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="85"/>
        <source>Residence no.</source>
        <translation>号</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="86"/>
        <source>Block</source>
        <translation>街区</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="87"/>
        <source>Town only</source>
        <translation>町字のみ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="88"/>
        <source>Several candidates</source>
        <translation>候補が複数</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="89"/>
        <source>Not matched</source>
        <translation>照合できず</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="90"/>
        <source>Fixed by hand</source>
        <translation>手作業</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="91"/>
        <source>Not yet matched</source>
        <translation>未照合</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="92"/>
        <source>Match rate</source>
        <translation>照合率</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/gazetteer.py" line="94"/>
        <source>Placed at the residence number or block, or by hand</source>
        <translation>号・街区の地点、または手作業で位置が決まった世帯の割合</translation>
    </message>
</context>
</TS>
