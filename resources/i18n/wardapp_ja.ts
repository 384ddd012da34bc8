<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP" sourcelanguage="en">
<context>
    <name>AddUserDialog</name>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="135"/>
        <source>Add a user</source>
        <translation>利用者の追加</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="146"/>
        <source>&amp;User name:</source>
        <translation>利用者名(&amp;U):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="147"/>
        <source>&amp;Display name:</source>
        <translation>表示名(&amp;D):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="148"/>
        <source>&amp;Role:</source>
        <translation>役割(&amp;R):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="151"/>
        <source>The user changes this password at the first sign-in.</source>
        <translation>このパスワードは、本人が最初のログインで変更します。</translation>
    </message>
</context>
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
    <name>AdminPage</name>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="180"/>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="490"/>
        <source>Users</source>
        <extracomment>The users list was read again (tests wait on it).</extracomment>
        <translation>利用者</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="181"/>
        <source>Audit log</source>
        <translation>監査ログ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="182"/>
        <source>Backups</source>
        <translation>バックアップ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="188"/>
        <source>Administration</source>
        <translation>管理</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="215"/>
        <source>Users are disabled, never deleted (their names stay in the audit log). A new or reset password is changed by the user at the next sign-in.</source>
        <translation>利用者は削除せず無効にします（監査ログに名前が残るため）。新しく設定・再設定したパスワードは、本人が次のログインで変更します。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="220"/>
        <source>User name</source>
        <translation>利用者名</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="221"/>
        <source>Display name</source>
        <translation>表示名</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="222"/>
        <source>Role</source>
        <translation>役割</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="223"/>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="224"/>
        <source>Last sign-in</source>
        <translation>最終ログイン</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="225"/>
        <source>Created</source>
        <translation>作成</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="232"/>
        <source>&amp;Add a user…</source>
        <translation>利用者を追加(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="233"/>
        <source>&amp;Reset password…</source>
        <translation>パスワードを再設定(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="234"/>
        <source>D&amp;isable</source>
        <translation>無効にする(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="235"/>
        <source>&amp;Enable…</source>
        <translation>有効にする(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="240"/>
        <source>&amp;Change role</source>
        <translation>役割を変更(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="244"/>
        <source>Role:</source>
        <translation>役割:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="255"/>
        <source>&amp;Period:</source>
        <translation>期間(&amp;P):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="278"/>
        <source>Object contains… (household no., file, user)</source>
        <translation>対象に含む文字（世帯番号・ファイル名・利用者名）…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="280"/>
        <source>&amp;Filter</source>
        <translation>絞り込み(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="285"/>
        <source>User:</source>
        <translation>利用者:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="287"/>
        <source>Action:</source>
        <translation>操作:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="299"/>
        <source>&amp;Verify the log</source>
        <translation>改ざんの検証(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="300"/>
        <source>E&amp;xport CSV…</source>
        <translation>CSV に書き出し(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="316"/>
        <source>&amp;Back up now</source>
        <translation>今すぐバックアップ(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="324"/>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="325"/>
        <source>Date</source>
        <translation>日時</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="326"/>
        <source>Size</source>
        <translation>大きさ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="327"/>
        <source>Encrypted</source>
        <translation>暗号化</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="332"/>
        <source>Settings of this PC</source>
        <translation>この PC の設定</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="339"/>
        <source>no automatic backups</source>
        <translation>自動バックアップなし</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="344"/>
        <source>B&amp;rowse…</source>
        <translation>参照(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="351"/>
        <source> min</source>
        <translation> 分</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="352"/>
        <source>never</source>
        <translation>ロックしない</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="353"/>
        <source>&amp;Save settings</source>
        <translation>設定を保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="355"/>
        <source>Automatic backups to keep:</source>
        <translation>自動バックアップの保存数:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="356"/>
        <source>Backup folder:</source>
        <translation>バックアップの保存先:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="357"/>
        <source>Lock the screen after no input for:</source>
        <translation>操作がないときに画面をロックするまで:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="361"/>
        <source>A backup is taken automatically when wardapp starts and when it closes. To restore one, close wardapp and run: wardapp restore FILE (the file is checked before anything is replaced).</source>
        <translation>バックアップは wardapp の起動時と終了時に自動で作成します。復元は wardapp を終了してから、コマンド wardapp restore ファイル で行います（置き換える前にファイルを検査します）。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="427"/>
        <source>{n} entries</source>
        <translation>{n} 件</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="439"/>
        <source>Folder: {folder}</source>
        <translation>保存先: {folder}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="502"/>
        <source>User {name} added ({role}).</source>
        <translation>利用者 {name} を追加しました（{role}）。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="511"/>
        <source>The role of {name} is now {role}.</source>
        <translation>{name} の役割を{role}に変更しました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="519"/>
        <source>User {name} disabled.</source>
        <translation>利用者 {name} を無効にしました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="534"/>
        <source>Reset password</source>
        <translation>パスワードの再設定</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="535"/>
        <source>A new password for {name}. The user changes it at the next sign-in; a lock from wrong passwords is lifted.</source>
        <translation>{name} の新しいパスワードです。本人が次のログインで変更します。パスワードの間違いによるロックも解除されます。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="538"/>
        <source>The password of {name} was reset.</source>
        <translation>{name} のパスワードを再設定しました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="546"/>
        <source>Enable user</source>
        <translation>利用者を有効にする</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="547"/>
        <source>{name} is enabled again with a new password, changed by the user at the next sign-in.</source>
        <translation>{name} を新しいパスワードで有効に戻します。パスワードは本人が次のログインで変更します。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="550"/>
        <source>User {name} enabled.</source>
        <translation>利用者 {name} を有効にしました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="557"/>
        <source>Verifying…</source>
        <translation>検証しています…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="559"/>
        <source>Verify the audit log</source>
        <translation>監査ログの検証</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="576"/>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="588"/>
        <source>Export the audit log</source>
        <translation>監査ログの書き出し</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="577"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV ファイル (*.csv)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="584"/>
        <source>{n} entries written to {file}.</source>
        <translation>{n} 件を {file} に書き出しました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="605"/>
        <source>Backup</source>
        <translation>バックアップ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="605"/>
        <source>Taking a backup…</source>
        <translation>バックアップを作成しています…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="610"/>
        <source>Backup folder</source>
        <translation>バックアップの保存先</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="622"/>
        <source>The settings could not be saved: {error}</source>
        <translation>設定を保存できません: {error}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="624"/>
        <source>Settings saved. The screen lock applies from the next sign-in.</source>
        <translation>設定を保存しました。画面ロックの時間は次のログインから使われます。</translation>
    </message>
</context>
<context>
    <name>AdviserDialog</name>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="590"/>
        <source>Edit adviser</source>
        <translation>アドバイザーの編集</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="590"/>
        <source>New adviser</source>
        <translation>新しいアドバイザー</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="603"/>
        <source>e.g. 9:00-12:00, 13:00-17:00</source>
        <translation>例: 9:00-12:00、13:00-17:00</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="616"/>
        <source>&amp;Name:</source>
        <translation>氏名(&amp;N):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="617"/>
        <source>A&amp;ffiliation:</source>
        <translation>所属(&amp;F):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="618"/>
        <source>&amp;Skills:</source>
        <translation>担当できる内容(&amp;S):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="619"/>
        <source>Hours by weekday:</source>
        <translation>曜日ごとの活動時間帯:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="620"/>
        <source>Days &amp;off:</source>
        <translation>不在日(&amp;O):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="621"/>
        <source>Visits per &amp;week (cap):</source>
        <translation>1週間の訪問上限(&amp;W):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="622"/>
        <source>No&amp;tes:</source>
        <translation>備考(&amp;T):</translation>
    </message>
</context>
<context>
    <name>AdviserModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="114"/>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="115"/>
        <source>Affiliation</source>
        <translation>所属</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="116"/>
        <source>Skills</source>
        <translation>担当できる内容</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="117"/>
        <source>Weekly availability</source>
        <translation>活動できる時間帯</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="118"/>
        <source>Cap / week</source>
        <translation>週の上限</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="120"/>
        <source>Days off</source>
        <translation>不在日</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/audit.py" line="44"/>
        <source>No.</source>
        <extracomment>Background of an entry verify found broken (light red: the text stays readable, also in print).</extracomment>
        <translation>番号</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/audit.py" line="45"/>
        <source>Time</source>
        <translation>日時</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/audit.py" line="46"/>
        <source>User</source>
        <translation>利用者</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/audit.py" line="47"/>
        <source>Role</source>
        <translation>役割</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/audit.py" line="48"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/audit.py" line="49"/>
        <source>Object</source>
        <translation>対象</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/audit.py" line="50"/>
        <source>Counts</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/audit.py" line="51"/>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
</context>
<context>
    <name>BandModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/scores.py" line="241"/>
        <source>Band</source>
        <extracomment>Role giving a band row&apos;s share of all households (0–1) for the bar delegate.</extracomment>
        <translation>帯</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/scores.py" line="242"/>
        <source>Household score</source>
        <translation>世帯スコア</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/scores.py" line="243"/>
        <source>Households</source>
        <translation>世帯数</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/scores.py" line="244"/>
        <source>Share</source>
        <translation>割合</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/scores.py" line="245"/>
        <source>Change</source>
        <translation>変化</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/scores.py" line="246"/>
        <source>Against the profile as chosen, before editing</source>
        <translation>選んだときの（編集前の）プロファイルとの差</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="172"/>
        <source>Calendar</source>
        <extracomment>The events of the period on screen are shown.</extracomment>
        <translation>予定表</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="185"/>
        <source>&amp;Month</source>
        <translation>月(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="187"/>
        <source>&amp;Week</source>
        <translation>週(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="196"/>
        <source>◀ Previous</source>
        <translation>◀ 前へ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="199"/>
        <source>&amp;Today</source>
        <translation>今日(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="202"/>
        <source>Next ▶</source>
        <translation>次へ ▶</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="227"/>
        <source>&amp;Adviser:</source>
        <translation>アドバイザー・講師(&amp;A):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="227"/>
        <source>V&amp;enue:</source>
        <translation>会場(&amp;E):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="228"/>
        <source>To&amp;wn:</source>
        <translation>町字(&amp;W):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="250"/>
        <source>&amp;Open</source>
        <translation>開く(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="296"/>
        <source>Class</source>
        <translation>教室</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="296"/>
        <source>Visit</source>
        <translation>訪問</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="297"/>
        <source>planned</source>
        <translation>予定・調整中</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="297"/>
        <source>confirmed</source>
        <translation>確定</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="298"/>
        <source>✓ held</source>
        <translation>✓ 実施済</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="299"/>
        <source>cancelled</source>
        <translation>中止・取消</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="349"/>
        <source>{year}/{month}</source>
        <translation>{year}年{month}月</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="361"/>
        <source>(all advisers)</source>
        <translation>（すべてのアドバイザー・講師）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="362"/>
        <source>(all venues)</source>
        <translation>（すべての会場）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="364"/>
        <source>(all towns)</source>
        <translation>（すべての町字）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="415"/>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="435"/>
        <source>{classes} class sessions, {visits} visits</source>
        <translation>教室 {classes}回・訪問 {visits}件</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="484"/>
        <source>&amp;Details…</source>
        <translation>詳細(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="485"/>
        <source>&amp;Open in Classes</source>
        <translation>教室で開く(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="485"/>
        <source>&amp;Open in ICT advisers</source>
        <translation>アドバイザー派遣で開く(&amp;O)</translation>
    </message>
</context>
<context>
    <name>CallListModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="142"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="143"/>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="144"/>
        <source>Kana</source>
        <translation>フリガナ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="145"/>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="146"/>
        <source>Proxy</source>
        <translation>代理申込者</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="147"/>
        <source>Session</source>
        <translation>回</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="148"/>
        <source>Date</source>
        <translation>日時</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="150"/>
        <source>Venue</source>
        <translation>会場</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="151"/>
        <source>Sign-up</source>
        <translation>申込</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="152"/>
        <source>Called</source>
        <translation>連絡済み</translation>
    </message>
</context>
<context>
    <name>CancelSessionDialog</name>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="909"/>
        <source>Cancel session</source>
        <translation>回の中止</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="910"/>
        <source>Cancel {title} on {date}?</source>
        <translation>{date}の「{title}」を中止しますか？</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="916"/>
        <source>Typhoon warning</source>
        <translation>台風のため</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="916"/>
        <source>Instructor unavailable</source>
        <translation>講師の都合</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="917"/>
        <source>Too few sign-ups</source>
        <translation>申込が少ないため</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="917"/>
        <source>Venue unavailable</source>
        <translation>会場の都合</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="921"/>
        <source>Reason (required)</source>
        <translation>理由（必須）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="922"/>
        <source>Also cancel the &amp;following sessions of the series</source>
        <translation>シリーズのこの回以降もまとめて中止する(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="926"/>
        <source>The {n} people signed up or waiting go on the call list.</source>
        <translation>申込済み・キャンセル待ちの {n} 人が連絡リストに載ります。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="930"/>
        <source>&amp;Reason:</source>
        <translation>理由(&amp;R):</translation>
    </message>
</context>
<context>
    <name>CancelVisitDialog</name>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="465"/>
        <source>Cancel visit</source>
        <translation>訪問の取消</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="473"/>
        <source>Reason (required)</source>
        <translation>理由（必須）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="475"/>
        <source>Cancel the visit to {group}?</source>
        <translation>{group}への訪問を取り消しますか？</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="476"/>
        <source>&amp;Reason:</source>
        <translation>理由(&amp;R):</translation>
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
    <name>CheckinModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_checkin.py" line="80"/>
        <source>Check-in</source>
        <translation>受付</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_checkin.py" line="81"/>
        <source>Kana</source>
        <translation>フリガナ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_checkin.py" line="82"/>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_checkin.py" line="83"/>
        <source>Age</source>
        <translation>年代</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_checkin.py" line="84"/>
        <source>Device</source>
        <translation>端末</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_checkin.py" line="85"/>
        <source>Needs</source>
        <translation>配慮</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_checkin.py" line="86"/>
        <source>Sign-up</source>
        <translation>申込</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_checkin.py" line="87"/>
        <source>Classes</source>
        <translation>受講</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_checkin.py" line="88"/>
        <source>Sessions attended before this one: {n}</source>
        <translation>これまでの出席回数: {n}</translation>
    </message>
</context>
<context>
    <name>CheckinPage</name>
    <message>
        <location filename="../../src/wardapp/ui/pages/checkin.py" line="113"/>
        <source>Check-in</source>
        <extracomment>The smallest type on this screen (pt); the page is at least this, the heading larger. Row height in lines of that type: tall enough to hit with a finger or a shaky mouse, low enough that a 150 % screen still shows five people. Wait this long after the last keystroke before searching (ms): short, the queue is waiting. The list of the session shows a new read (after a search, a check-in …). The day&apos;s sessions are in the chooser.</extracomment>
        <translation>当日受付</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/checkin.py" line="140"/>
        <source>◀ Previous class day</source>
        <extracomment>(enrolment id, name) of the last check-in, for 「取り消す」. After a check-in the cursor goes to the next person not yet checked in.</extracomment>
        <translation>◀ 前の開催日</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/checkin.py" line="141"/>
        <source>Next class day ▶</source>
        <translation>次の開催日 ▶</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/checkin.py" line="145"/>
        <source>&amp;Day:</source>
        <translation>日付(&amp;D):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/checkin.py" line="147"/>
        <source>&amp;Class:</source>
        <translation>回(&amp;C):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/checkin.py" line="172"/>
        <source>Kana, e.g. やまだ or ﾔﾏﾀﾞ — Enter checks in</source>
        <translation>フリガナで検索（例: やまだ、ﾔﾏﾀﾞ）— Enter で受付</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/checkin.py" line="176"/>
        <source>&amp;Search:</source>
        <translation>検索(&amp;S):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/checkin.py" line="178"/>
        <source>&amp;Walk-in…</source>
        <translation>当日参加(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/checkin.py" line="191"/>
        <source>&amp;Check in</source>
        <translation>受付する(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/checkin.py" line="193"/>
        <source>&amp;Undo check-in</source>
        <translation>受付を取り消す(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/checkin.py" line="194"/>
        <source>Finish and record &amp;no-shows…</source>
        <translation>終了して欠席を記録(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/checkin.py" line="267"/>
        <source>(no class on this day)</source>
        <translation>（この日の回はありません）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/checkin.py" line="312"/>
        <source>No class on {day}.</source>
        <translation>{day} の回はありません。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/checkin.py" line="332"/>
        <source>Present {present} / signed up {enrolled} (capacity {capacity}) · waiting {waiting} · {status}</source>
        <translation>出席 {present} / 申込 {enrolled}（定員 {capacity}）・待ち {waiting}・{status}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/checkin.py" line="377"/>
        <source>No other class day within a year.</source>
        <translation>前後1年に、ほかの開催日はありません。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/checkin.py" line="392"/>
        <source>{name} is already checked in.</source>
        <translation>{name}さんは受付済みです。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/checkin.py" line="417"/>
        <source>✓ {name} checked in.</source>
        <translation>✓ {name}さんを受け付けました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/checkin.py" line="419"/>
        <source>(given a seat from the waiting list)</source>
        <translation>（キャンセル待ちから席を渡しました）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/checkin.py" line="421"/>
        <location filename="../../src/wardapp/ui/pages/checkin.py" line="510"/>
        <source>(beyond the capacity)</source>
        <translation>（定員を超えて受付）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/checkin.py" line="449"/>
        <source>Check-in of {name} undone.</source>
        <translation>{name}さんの受付を取り消しました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/checkin.py" line="491"/>
        <source>Already registered</source>
        <translation>登録済みの方です</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/checkin.py" line="494"/>
        <source>Check in the registered person?</source>
        <translation>登録済みのこの方として受け付けますか？</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/checkin.py" line="506"/>
        <source>✓ Walk-in {name} registered and checked in.</source>
        <translation>✓ 当日参加の{name}さんを登録して受け付けました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/checkin.py" line="508"/>
        <source>✓ Walk-in checked in.</source>
        <translation>✓ 当日参加の方を受け付けました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/checkin.py" line="523"/>
        <source>Finish the class</source>
        <translation>回の終了</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/checkin.py" line="524"/>
        <source>Finish {title} and record the {n} people signed up who did not come as no-shows?</source>
        <translation>「{title}」を終了して、受付をしていない申込者 {n}人を欠席として記録しますか？</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/checkin.py" line="542"/>
        <source>Finished: {present} present, {absent} no-show(s).</source>
        <translation>終了しました: 出席 {present}人・欠席 {absent}人。</translation>
    </message>
</context>
<context>
    <name>ClassesPage</name>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="232"/>
        <source>Classes</source>
        <extracomment>The session list shows a new snapshot. The detail panel shows this session.</extracomment>
        <translation>教室</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="266"/>
        <source>Sessions</source>
        <extracomment>The session whose detail is being read (not asked for twice).</extracomment>
        <translation>回</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="267"/>
        <source>Courses</source>
        <translation>講座</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="268"/>
        <source>Call list</source>
        <translation>連絡リスト</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="288"/>
        <source>This &amp;month</source>
        <translation>今月(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="290"/>
        <source>Fiscal &amp;year</source>
        <translation>年度(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="296"/>
        <source>&amp;New session…</source>
        <translation>新しい回(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="297"/>
        <source>&amp;Edit…</source>
        <translation>編集(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="298"/>
        <source>Con&amp;firm</source>
        <translation>確定(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="299"/>
        <source>Planned → confirmed (venue booked, instructors agreed)</source>
        <translation>予定 → 確定（会場の予約と講師の了承が済んだ）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="300"/>
        <source>Ca&amp;ncel session…</source>
        <translation>中止(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="301"/>
        <source>Re&amp;open</source>
        <translation>中止を取り消す(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="302"/>
        <source>Withdraw the cancellation (checked for clashes again)</source>
        <translation>中止を取り消して予定に戻す（競合をもう一度確かめます）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="303"/>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="304"/>
        <source>Remove a session entered by mistake (only without sign-ups)</source>
        <translation>誤って入力した回を削除（申込がない回だけ）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="305"/>
        <source>Sign-in &amp;sheet</source>
        <translation>受付名簿(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="306"/>
        <source>Print the 受付名簿 of the session (PDF)</source>
        <translation>この回の受付名簿を印刷（PDF）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="307"/>
        <source>&amp;Poster</source>
        <translation>ポスター(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="308"/>
        <source>Print a recruiting poster or flyer of the session (PDF)</source>
        <translation>この回の募集ポスター・チラシを印刷（PDF）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="311"/>
        <source>Period:</source>
        <translation>期間:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="341"/>
        <source>Click a day to select its sessions. Turning the month shows that month.</source>
        <translation>日付をクリックするとその日の回を選びます。月をめくるとその月の回を表示します。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="377"/>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="394"/>
        <source>Withdraw sign-up…</source>
        <translation>申込の取消…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="379"/>
        <source>Course &amp;guide for selected…</source>
        <translation>選んだ方の受講案内(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="381"/>
        <source>Print the 受講案内 for the selected participants (PDF)</source>
        <translation>選んだ受講者の受講案内を印刷（PDF）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="396"/>
        <source>First come, first served: when a seat frees, the first person moves up and goes on the call list.</source>
        <translation>申込順です。席が空くと先頭の方が繰り上がり、連絡リストに載ります。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="415"/>
        <source>Enter &amp;forms…</source>
        <translation>アンケートの入力(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="416"/>
        <source>Edit form…</source>
        <translation>回答の修正…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="417"/>
        <source>Delete form</source>
        <translation>回答の削除</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="441"/>
        <source>New &amp;course…</source>
        <translation>新しい講座(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="442"/>
        <source>&amp;Edit course…</source>
        <translation>講座の編集(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="443"/>
        <source>Delete course</source>
        <translation>講座の削除</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="444"/>
        <source>New &amp;session of this course…</source>
        <translation>この講座の回を作成(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="446"/>
        <source>&amp;Topic list…</source>
        <translation>講座の内容の一覧(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="447"/>
        <source>The ward&apos;s list of topics offered for courses</source>
        <translation>講座に選べる内容（トピック）の区の一覧</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="461"/>
        <source>Most participants signed up by phone or on paper and will not see a notice: phone them, then mark the call as made.</source>
        <translation>電話や紙で申し込んだ方はお知らせを見ません。電話で伝えてから「連絡済みにする」を押してください。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="464"/>
        <source>Show calls already made</source>
        <translation>連絡済みも表示</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="469"/>
        <source>&amp;Mark as called</source>
        <translation>連絡済みにする(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="481"/>
        <source>Sign-ups ({n})</source>
        <translation>申込者（{n}）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="482"/>
        <source>Waiting list ({n})</source>
        <translation>キャンセル待ち（{n}）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="483"/>
        <source>Survey ({n})</source>
        <translation>アンケート（{n}）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="535"/>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="552"/>
        <source>{n} session(s), {held} held, {people} present</source>
        <translation>{n}回（実施済 {held}回・出席 延べ{people}人）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="554"/>
        <source>Call list ({n})</source>
        <translation>連絡リスト（{n}）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="633"/>
        <source>No session in this period.</source>
        <translation>この期間に回はありません。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="644"/>
        <source>{status}; capacity {capacity}, signed up {enrolled}, waiting {waiting}, loan devices {loan}</source>
        <translation>{status}・定員 {capacity}人・申込 {enrolled}人・キャンセル待ち {waiting}人・貸出端末 {loan}台</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="649"/>
        <source>Instructors: {names}</source>
        <translation>講師: {names}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="651"/>
        <source>Cancelled: {reason}</source>
        <translation>中止の理由: {reason}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="657"/>
        <source>No survey forms entered yet.</source>
        <translation>アンケートはまだ入力されていません。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="658"/>
        <source>{n} form(s). Understood (level {level} or higher): {share} ({k} of {answered}). Interest went up: {rate} ({yes} of {asked}).</source>
        <translation>回答 {n}枚。理解度（{level}以上）: {share}（{answered}人中 {k}人）。関心が上がった: {rate}（{asked}人中 {yes}人）。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="665"/>
        <source>Can do now: {list}</source>
        <translation>できるようになった: {list}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="708"/>
        <source>{n} session(s) created.</source>
        <translation>{n}回を作成しました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="727"/>
        <source>{n} session(s) changed.</source>
        <translation>{n}回を変更しました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="729"/>
        <source>{n} held or cancelled session(s) left as they were.</source>
        <translation>実施済・中止の {n}回はそのままです。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="731"/>
        <source>{n} people to call about the change.</source>
        <translation>変更の連絡が必要な方: {n}人。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="733"/>
        <source>{n} moved up from the waiting list.</source>
        <translation>キャンセル待ちから {n}人が繰り上がりました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="756"/>
        <source>The session is confirmed.</source>
        <translation>回を確定にしました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="766"/>
        <source>{n} session(s) cancelled; {k} people to call.</source>
        <translation>{n}回を中止にしました。連絡が必要な方: {k}人。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="774"/>
        <source>The cancellation was withdrawn.</source>
        <translation>中止を取り消しました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="781"/>
        <source>Delete session</source>
        <translation>回の削除</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="782"/>
        <source>Delete {title} on {date}? Only a session entered by mistake should be deleted; cancel a session that did not take place.</source>
        <translation>{date}の「{title}」を削除しますか？ 削除するのは誤って入力した回だけです。開かなかった回は「中止」にしてください。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="830"/>
        <source>The survey form was deleted.</source>
        <translation>アンケートの回答を削除しました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="851"/>
        <source>The course was saved.</source>
        <translation>講座を保存しました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="859"/>
        <source>The course was deleted.</source>
        <translation>講座を削除しました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="879"/>
        <source>{n} call(s) marked as made.</source>
        <translation>{n}件を連絡済みにしました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="912"/>
        <source>Catch line:</source>
        <translation>見出し:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="912"/>
        <source>For whom:</source>
        <translation>対象:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="912"/>
        <source>Fee:</source>
        <translation>費用:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="913"/>
        <source>What to bring:</source>
        <translation>持ち物:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="913"/>
        <source>Sign-up phone:</source>
        <translation>申込の電話:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="914"/>
        <source>Sign-up counter:</source>
        <translation>申込の窓口:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="914"/>
        <source>Sign-up period:</source>
        <translation>受付期間:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="915"/>
        <source>Organiser:</source>
        <translation>主催・問合せ:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="915"/>
        <source>Note:</source>
        <translation>注意:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="917"/>
        <source>Poster</source>
        <translation>募集ポスター</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="941"/>
        <source>Contact (office):</source>
        <translation>問合せ先（課）:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="941"/>
        <source>Contact phone:</source>
        <translation>問合せの電話:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="942"/>
        <source>Office hours:</source>
        <translation>受付時間:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="942"/>
        <source>Access:</source>
        <translation>交通:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="944"/>
        <source>Course guide</source>
        <translation>受講案内</translation>
    </message>
</context>
<context>
    <name>CourseDialog</name>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="488"/>
        <source>Edit course</source>
        <translation>講座の編集</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="488"/>
        <source>New course</source>
        <translation>新しい講座</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="497"/>
        <source>e.g. the carrier or NPO</source>
        <translation>例: 通信事業者やNPOの名前</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="511"/>
        <source>Course &amp;title:</source>
        <translation>講座名(&amp;T):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="512"/>
        <source>&amp;Level:</source>
        <translation>レベル(&amp;L):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="516"/>
        <source>Run with:</source>
        <translation>実施主体:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="517"/>
        <source>&amp;Funding:</source>
        <translation>財源(&amp;F):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="518"/>
        <source>Topics:</source>
        <translation>内容:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="519"/>
        <source>&amp;Notes:</source>
        <translation>備考(&amp;N):</translation>
    </message>
</context>
<context>
    <name>CourseModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="106"/>
        <source>Course</source>
        <translation>講座</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="107"/>
        <source>Level</source>
        <translation>レベル</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="108"/>
        <source>Topics</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="109"/>
        <source>Run with</source>
        <translation>実施主体</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="110"/>
        <source>Funding</source>
        <translation>財源</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="111"/>
        <source>Sessions (held / all)</source>
        <translation>回（実施済／全体）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="113"/>
        <source>First</source>
        <translation>初回</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="114"/>
        <source>Last</source>
        <translation>最終回</translation>
    </message>
</context>
<context>
    <name>DateListEditor</name>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="118"/>
        <source>Add date</source>
        <extracomment>Wait this long after the date, time or place changed before asking for suggestions (ms).</extracomment>
        <translation>日付を追加</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="120"/>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
</context>
<context>
    <name>DecideGrantDialog</name>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="777"/>
        <source>Decide grant</source>
        <translation>助成の決定</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="786"/>
        <source> yen</source>
        <translation> 円</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="790"/>
        <source>{group}: {purpose}, {amount:,} yen applied for on {date}</source>
        <translation>{group}: {purpose}、{date} に {amount:,} 円を申請</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="793"/>
        <source>&amp;Decision:</source>
        <translation>決定(&amp;D):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="794"/>
        <source>Amount &amp;granted:</source>
        <translation>交付額(&amp;G):</translation>
    </message>
</context>
<context>
    <name>DictionaryImportFlow</name>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="81"/>
        <source>Choose address data files</source>
        <extracomment>Layer kinds of :func:`wardapp.geo.layers.import_layer`, in menu order. The store was written (an import, or matching after it); the argument is the report.</extracomment>
        <translation>住所データのファイルを選択</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="82"/>
        <source>Address data (*.csv *.zip);;All files (*)</source>
        <translation>住所データ (*.csv *.zip);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="96"/>
        <source>Importing address data</source>
        <translation>住所辞書データの取り込み</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="97"/>
        <source>Reading {files}…</source>
        <translation>{files} を読み込んでいます…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="100"/>
        <source>Address data imported</source>
        <translation>住所辞書データを取り込みました</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="102"/>
        <source>&amp;Run matching now</source>
        <translation>今すぐ照合を実行(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="103"/>
        <source>Households keep their old points until matching runs again</source>
        <translation>照合をやり直すまで、世帯は以前の地点のままです</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="117"/>
        <source>Matching addresses</source>
        <translation>住所の照合</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="118"/>
        <source>Matching the households&apos; addresses with the address dictionary…</source>
        <translation>世帯の住所を住所辞書と照合しています…</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1313"/>
        <source>Sign up {name}</source>
        <extracomment>The open sessions are listed (tests wait on it).</extracomment>
        <translation>{name}さんの申込</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1322"/>
        <source>Who applied on their behalf</source>
        <translation>代わりに申し込んだ方</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1327"/>
        <source>Sign up for the remaining sessions of the &amp;series too</source>
        <translation>シリーズの残りの回にもまとめて申し込む(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1334"/>
        <source>&amp;Session:</source>
        <translation>回(&amp;S):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1336"/>
        <source>&amp;Channel:</source>
        <translation>申込方法(&amp;C):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1337"/>
        <source>&amp;Proxy:</source>
        <translation>代理申込者(&amp;P):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1338"/>
        <source>&amp;Received:</source>
        <translation>受付日時(&amp;R):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1352"/>
        <source>{n} free</source>
        <translation>残り{n}席</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1353"/>
        <source>full, {n} waiting</source>
        <translation>満席・待ち{n}人</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1358"/>
        <source>No session is open for sign-up.</source>
        <translation>申込を受け付けている回がありません。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1374"/>
        <source>The session is full: the sign-up goes on the waiting list.</source>
        <translation>満席です。キャンセル待ちとして受け付けます。</translation>
    </message>
</context>
<context>
    <name>EnrolmentCanceller</name>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1422"/>
        <source>Withdraw sign-up</source>
        <extracomment>The sign-up was withdrawn: (CancelResult, list of CallItem of those promoted).</extracomment>
        <translation>申込の取消</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1423"/>
        <source>Withdraw the sign-up of {name} for {title}?
If a seat frees, the first person on the waiting list moves up and goes on the call list.</source>
        <translation>{name}さんの「{title}」の申込を取り消しますか？
席が空くと、キャンセル待ちの先頭の方が繰り上がり、連絡リストに載ります。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1465"/>
        <source>Moved up from the waiting list</source>
        <translation>キャンセル待ちからの繰り上げ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1466"/>
        <source>The sign-up was withdrawn. Moved up from the waiting list:
{people}

They are on the call list: phone them to tell them they have a seat.</source>
        <translation>申込を取り消しました。キャンセル待ちから繰り上がった方:
{people}

連絡リストに載っています。席が取れたことを電話でお伝えください。</translation>
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
    <name>EventDetailDialog</name>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="117"/>
        <source>Class session</source>
        <extracomment>「開く」 was pressed (the dialog closes itself).</extracomment>
        <translation>教室の回</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="117"/>
        <source>ICT adviser visit</source>
        <translation>ICTアドバイザー訪問</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="121"/>
        <source>Course / session</source>
        <translation>講座・回</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="121"/>
        <source>Group and topics</source>
        <translation>団体と内容</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="122"/>
        <source>Date and time</source>
        <translation>日時</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="123"/>
        <source>Venue</source>
        <translation>会場</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="123"/>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="125"/>
        <source>(none)</source>
        <translation>（なし）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="124"/>
        <source>Town</source>
        <translation>町字</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="124"/>
        <source>(unknown)</source>
        <translation>（不明）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="125"/>
        <source>Instructors</source>
        <translation>講師</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="125"/>
        <source>Adviser</source>
        <translation>アドバイザー</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="126"/>
        <source>Delivery</source>
        <translation>実施方法</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="127"/>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="130"/>
        <source>Capacity / signed up</source>
        <translation>定員／申込</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="132"/>
        <source>Present</source>
        <translation>出席</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="135"/>
        <source>Expected attendees</source>
        <translation>参加予定人数</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="137"/>
        <source>Attendees</source>
        <translation>参加者数</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="148"/>
        <source>&amp;Open in Classes</source>
        <translation>教室で開く(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="148"/>
        <source>&amp;Open in ICT advisers</source>
        <translation>アドバイザー派遣で開く(&amp;O)</translation>
    </message>
</context>
<context>
    <name>EventListModel</name>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="67"/>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="68"/>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="69"/>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="70"/>
        <source>Title</source>
        <translation>件名</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="71"/>
        <source>Venue</source>
        <translation>会場</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="72"/>
        <source>Adviser / instructors</source>
        <translation>アドバイザー・講師</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/calendar.py" line="73"/>
        <source>Status</source>
        <translation>状態</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="115"/>
        <source>wardapp — first start</source>
        <extracomment>Opens the encrypted store with the data key the sign-in dialog unlocked.</extracomment>
        <translation>wardapp — 初期設定</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="117"/>
        <source>Create the administrator</source>
        <translation>管理者の作成</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="119"/>
        <source>This database has no users yet. First create the administrator&apos;s account.
The administrator manages users, settings, backups and the audit log. The administrator does not see residents&apos; personal data: staff who work with the registry, the map or rosters get their own accounts with those roles, added by the administrator.</source>
        <translation>このデータベースにはまだ利用者がいません。最初に管理者のアカウントを作成します。
管理者は利用者・設定・バックアップ・監査ログを管理します。管理者は住民の個人情報を見ることはできません。住基・地図・名簿の作業をする職員には、管理者がそれぞれの役割のアカウントを追加します。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="127"/>
        <source>This installation encrypts the database. It is encrypted now, before any data goes in; the administrator&apos;s password also unlocks it. You will then be shown a recovery code once: write it down or print it and keep it in the office safe.</source>
        <translation>この環境ではデータベースを暗号化します。データを入れる前の今、暗号化します。管理者のパスワードで鍵も開きます。続けて回復コードを1度だけ表示します。紙に書き写すか印刷して、金庫に保管してください。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="139"/>
        <source>e.g. Suzuki (optional)</source>
        <translation>例: 鈴木（省略可）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="142"/>
        <source>&amp;User name:</source>
        <translation>利用者名(&amp;U):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="143"/>
        <source>&amp;Display name:</source>
        <translation>表示名(&amp;D):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="144"/>
        <source>&amp;Password:</source>
        <translation>パスワード(&amp;P):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="145"/>
        <source>Password (&amp;again):</source>
        <translation>パスワード（確認）(&amp;A):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="147"/>
        <source>At least {n} characters, not the same as the user name.</source>
        <translation>{n}文字以上で、利用者名と同じものは使えません。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="154"/>
        <source>&amp;Create and sign in</source>
        <translation>作成してログイン(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="165"/>
        <source>The two passwords are different. Type the same password twice.</source>
        <translation>2つのパスワードが違います。同じパスワードを2回入力してください。</translation>
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
    <name>FollowUpModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="99"/>
        <source>Due</source>
        <translation>期日</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="101"/>
        <source>Group</source>
        <translation>団体</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="102"/>
        <source>Visit</source>
        <translation>訪問日</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="103"/>
        <source>Adviser</source>
        <translation>アドバイザー</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="104"/>
        <source>Follow-up</source>
        <translation>フォローアップ</translation>
    </message>
</context>
<context>
    <name>GazetteerPage</name>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="138"/>
        <source>Address dictionary</source>
        <extracomment>The colour stripe of each level&apos;s tile: green for precise, amber for coarse, red for work. A text column is not made wider than this many characters by fitting (the rest is elided). A review snapshot is shown (after every load: start, matching, a fix, an undo). A fix or an undo was written; the argument is the number of households it touched.</extracomment>
        <translation>住所辞書</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="183"/>
        <source>Households joined to the address dictionary</source>
        <translation>住所辞書との照合の状況</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="193"/>
        <source>&amp;Run matching</source>
        <translation>照合を実行(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="195"/>
        <source>Match every household&apos;s address with the address dictionary again</source>
        <translation>すべての世帯の住所を住所辞書と照合し直します</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="210"/>
        <source>Match rate by town</source>
        <translation>町字ごとの照合率</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="228"/>
        <source>No point of the dictionary fits these addresses. Check the spelling in the registry, or place them by hand.</source>
        <translation>住所辞書にこれらの住所に合う地点がありません。住基の表記を確認するか、地点を手作業で指定してください。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="231"/>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="260"/>
        <source>&amp;Place point…</source>
        <translation>地点を指定(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="257"/>
        <source>&amp;Choose this candidate</source>
        <translation>この候補に決める(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="262"/>
        <source>None of the candidates is right: choose another point</source>
        <translation>どの候補も違うとき: 別の地点を指定します</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="289"/>
        <source>Decisions are kept by address: the next registry import finds them again.</source>
        <translation>手作業の修正は住所ごとに保存され、次回の住基データの取り込み後も引き継がれます。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="291"/>
        <source>&amp;Undo fix</source>
        <translation>修正を取り消す(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="293"/>
        <source>Forget this decision and match the address again</source>
        <translation>この修正を取り消し、住所を照合し直します</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="308"/>
        <source>Not matched ({n:,})</source>
        <translation>照合できない住所（{n:,}）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="309"/>
        <source>Several candidates ({n:,})</source>
        <translation>候補が複数の住所（{n:,}）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="310"/>
        <source>Fixed by hand ({n:,})</source>
        <translation>手作業の修正（{n:,}）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="323"/>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="378"/>
        <source>{households:,} households; match rate (block or finer) {rate}</source>
        <translation>全{households:,}世帯・照合率（街区以上）{rate}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="380"/>
        <source>{points:,} points in the address dictionary</source>
        <translation>住所辞書 {points:,}地点</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="382"/>
        <source>last matched {when} by {user}</source>
        <translation>前回の照合 {when}（{user}）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="385"/>
        <source>matching has not been run yet</source>
        <translation>照合はまだ実行されていません</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="386"/>
        <source>; </source>
        <translation>・</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="388"/>
        <source>The address dictionary is empty: import address data first (File menu).</source>
        <translation>住所辞書が空です。先に住所辞書データを取り込んでください（ファイル メニュー）。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="390"/>
        <source>{n:,} households have not been matched yet: press Run matching.</source>
        <translation>{n:,}世帯はまだ照合されていません。「照合を実行」を押してください。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="397"/>
        <source>Residence no.</source>
        <translation>号</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="398"/>
        <source>Matched to the point of the residence number (号) or lot (地番)</source>
        <translation>号（住居番号）または地番の地点に照合</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="399"/>
        <source>Block</source>
        <translation>街区</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="399"/>
        <source>Matched to the point of the block (街区)</source>
        <translation>街区の地点に照合</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="400"/>
        <source>Town only</source>
        <translation>町字のみ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="401"/>
        <source>Only the town was found: placed at the town&apos;s representative point</source>
        <translation>町字までしか分からず、町字の代表点に置いています</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="402"/>
        <source>Several candidates</source>
        <translation>候補が複数</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="403"/>
        <source>Several places fit the address: staff must choose one</source>
        <translation>住所に合う場所が複数あります。職員がどれかに決めてください</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="404"/>
        <source>Not matched</source>
        <translation>照合できず</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="405"/>
        <source>No point of the dictionary fits the address</source>
        <translation>住所辞書に住所に合う地点がありません</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="406"/>
        <source>Fixed by hand</source>
        <translation>手作業</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="407"/>
        <source>Placed by staff (kept across registry imports)</source>
        <translation>職員が手作業で位置を決めた世帯（住基データを取り込み直しても保持）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="408"/>
        <source>Not yet matched</source>
        <translation>未照合</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="409"/>
        <source>Imported since the last matching run: run matching to place them</source>
        <translation>前回の照合の後に取り込まれた世帯。照合を実行すると位置が決まります</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="438"/>
        <source>Select an address to see the points that fit it.</source>
        <translation>住所を選ぶと、その住所に合う地点が表示されます。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="441"/>
        <source>&lt;b&gt;Candidate points for {address}&lt;/b&gt; ({reason})</source>
        <translation>&lt;b&gt;{address} の候補の地点&lt;/b&gt;（{reason}）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="483"/>
        <source>Matching addresses</source>
        <translation>住所の照合</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="484"/>
        <source>Matching the households&apos; addresses with the address dictionary…</source>
        <translation>世帯の住所を住所辞書と照合しています…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="487"/>
        <source>Matched {n:,} households in {seconds:.1f} s.</source>
        <translation>{n:,}世帯を照合しました（{seconds:.1f}秒）。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="535"/>
        <source>{address}: {n:,} household(s) placed at {place}.</source>
        <translation>{address}: {n:,}世帯の位置を {place} に決めました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="541"/>
        <source>Recording the decision</source>
        <translation>修正の記録</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="542"/>
        <source>Placing the households of {address}…</source>
        <translation>{address} の世帯の位置を記録しています…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="550"/>
        <source>Undo the fix for {address}?
Its {n:,} household(s) will be matched again with the address dictionary.</source>
        <translation>{address} の修正を取り消しますか？
{n:,}世帯の住所を住所辞書と照合し直します。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="551"/>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="573"/>
        <source>Undo fix</source>
        <translation>修正の取り消し</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="569"/>
        <source>The fix for {address} was undone; {n:,} household(s) matched again.</source>
        <translation>{address} の修正を取り消し、{n:,}世帯を照合し直しました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/gazetteer.py" line="574"/>
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
    <name>GrantDialog</name>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="730"/>
        <source>New grant application</source>
        <translation>助成の申請</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="744"/>
        <source> yen</source>
        <translation> 円</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="752"/>
        <source>&amp;Group:</source>
        <translation>団体(&amp;G):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="753"/>
        <source>&amp;Purpose:</source>
        <translation>目的(&amp;P):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="754"/>
        <source>Amount &amp;applied for:</source>
        <translation>申請額(&amp;A):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="755"/>
        <source>Applied &amp;on:</source>
        <translation>申請日(&amp;O):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="756"/>
        <source>&amp;Note:</source>
        <translation>備考(&amp;N):</translation>
    </message>
</context>
<context>
    <name>GrantModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="157"/>
        <source>Applied on</source>
        <translation>申請日</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="158"/>
        <source>Group</source>
        <translation>団体</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="159"/>
        <source>Purpose</source>
        <translation>目的</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="160"/>
        <source>Applied</source>
        <translation>申請額</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="161"/>
        <source>Granted</source>
        <translation>交付額</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="162"/>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="163"/>
        <source>Note</source>
        <translation>備考</translation>
    </message>
</context>
<context>
    <name>GroupDialog</name>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="646"/>
        <source>Edit group</source>
        <translation>団体の編集</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="646"/>
        <source>New group</source>
        <translation>新しい団体</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="654"/>
        <source>Filter towns</source>
        <translation>町字を絞り込む</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="672"/>
        <source>Separate places with 、</source>
        <translation>複数の場所は「、」で区切る</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="676"/>
        <source>(unknown)</source>
        <translation>（不明）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="683"/>
        <source>&amp;Name:</source>
        <translation>団体名(&amp;N):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="684"/>
        <source>&amp;Kind:</source>
        <translation>種類(&amp;K):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="685"/>
        <source>&amp;Towns covered:</source>
        <translation>対象の町字(&amp;T):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="686"/>
        <source>&amp;Representative:</source>
        <translation>代表者(&amp;R):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="687"/>
        <source>&amp;Contact:</source>
        <translation>連絡先(&amp;C):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="688"/>
        <source>Usual &amp;places:</source>
        <translation>いつもの活動場所(&amp;P):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="689"/>
        <source>&amp;Members:</source>
        <translation>会員数(&amp;M):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="690"/>
        <source>No&amp;tes:</source>
        <translation>備考(&amp;T):</translation>
    </message>
</context>
<context>
    <name>GroupModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="140"/>
        <source>Group</source>
        <translation>団体名</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="141"/>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="142"/>
        <source>Towns</source>
        <translation>町字</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="143"/>
        <source>Representative</source>
        <translation>代表者</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="144"/>
        <source>Contact</source>
        <translation>連絡先</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="145"/>
        <source>Usual places</source>
        <translation>活動場所</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="146"/>
        <source>Members</source>
        <translation>会員数</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_participants.py" line="59"/>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_participants.py" line="60"/>
        <source>Course / session</source>
        <translation>講座・回</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_participants.py" line="61"/>
        <source>Venue</source>
        <translation>会場</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_participants.py" line="62"/>
        <source>Channel</source>
        <translation>申込方法</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_participants.py" line="63"/>
        <source>Sign-up</source>
        <translation>申込</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_participants.py" line="64"/>
        <source>Attendance</source>
        <translation>出欠</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_participants.py" line="65"/>
        <source>Session</source>
        <translation>回の状態</translation>
    </message>
</context>
<context>
    <name>HouseholdTableModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/households.py" line="43"/>
        <source>Household no.</source>
        <extracomment>Role returning the household&apos;s database id (int) for a row.</extracomment>
        <translation>世帯番号</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/households.py" line="44"/>
        <source>Head of household</source>
        <translation>世帯主</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/households.py" line="45"/>
        <source>Kana</source>
        <translation>カナ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/households.py" line="46"/>
        <source>Address</source>
        <translation>住所</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/households.py" line="47"/>
        <source>Building / room</source>
        <translation>方書</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/households.py" line="48"/>
        <source>Town</source>
        <translation>町字</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/households.py" line="49"/>
        <source>Members</source>
        <translation>人数</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/households.py" line="50"/>
        <source>Oldest (age)</source>
        <translation>最年長(歳)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/households.py" line="51"/>
        <source>Aged 65+ (persons)</source>
        <translation>65歳以上(人)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/households.py" line="52"/>
        <source>Household score</source>
        <translation>世帯スコア</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/households.py" line="53"/>
        <source>Categories</source>
        <translation>区分</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/households.py" line="133"/>
        <source>No support scores have been calculated yet (page Scores)</source>
        <translation>援護度はまだ計算されていません（「スコア」のページ）</translation>
    </message>
</context>
<context>
    <name>ImportFlow</name>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="338"/>
        <source>Choose a registry extract (CSV)</source>
        <extracomment>The report of a successful import. Emitted when the flow ends in any way (imported, rejected, cancelled, failed).</extracomment>
        <translation>住基データ（CSV）を選択</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="339"/>
        <source>Registry extracts (*.csv *.txt);;All files (*)</source>
        <translation>住基データ (*.csv *.txt);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="360"/>
        <source>Importing registry data</source>
        <translation>住基データの取り込み</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/import_dialog.py" line="361"/>
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
        <location filename="../../src/wardapp/ui/data_import.py" line="128"/>
        <source>Import a map layer</source>
        <translation>地図レイヤの取り込み</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="132"/>
        <source>Shapefile, GeoPackage, GeoJSON or CSV</source>
        <translation>シェープファイル、GeoPackage、GeoJSON または CSV</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="134"/>
        <source>&amp;Browse…</source>
        <translation>参照(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="143"/>
        <source>Town boundaries</source>
        <translation>町字の境界</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="144"/>
        <source>Flood inundation zones</source>
        <translation>浸水想定区域</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="145"/>
        <source>Shelters and evacuation sites</source>
        <translation>避難所・避難場所</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="146"/>
        <source>Other facilities</source>
        <translation>その他の施設</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="151"/>
        <source>&amp;File:</source>
        <translation>ファイル(&amp;F):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="154"/>
        <source>&amp;Kind:</source>
        <translation>種類(&amp;K):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="157"/>
        <source>A layer imported again replaces what the same source imported before.</source>
        <translation>同じ出典のレイヤを取り込み直すと、前回の内容を置き換えます。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="162"/>
        <source>&amp;Import</source>
        <translation>取り込む(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="175"/>
        <source>Choose a map layer</source>
        <translation>地図レイヤのファイルを選択</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="176"/>
        <source>Map layers (*.shp *.gpkg *.geojson *.json *.csv *.zip);;All files (*)</source>
        <translation>地図レイヤ (*.shp *.gpkg *.geojson *.json *.csv *.zip);;すべてのファイル (*)</translation>
    </message>
</context>
<context>
    <name>LayerImportFlow</name>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="224"/>
        <source>Importing a map layer</source>
        <translation>地図レイヤの取り込み</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="225"/>
        <source>Reading {file}…</source>
        <translation>{file} を読み込んでいます…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="228"/>
        <source>Map layer imported</source>
        <translation>地図レイヤを取り込みました</translation>
    </message>
</context>
<context>
    <name>LeftOutModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="192"/>
        <source>Adviser</source>
        <translation>アドバイザー</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="193"/>
        <source>Why not suggested</source>
        <translation>候補にならない理由</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../src/wardapp/ui/lock.py" line="89"/>
        <source>The screen is locked</source>
        <extracomment>Events that count as someone at the keyboard. Longest gap between two idle checks (ms): the lock comes at most this late.</extracomment>
        <translation>画面をロックしました</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/lock.py" line="91"/>
        <source>Signed in: {who}. Enter the password to continue.</source>
        <translation>ログイン中: {who}。続けるにはパスワードを入力してください。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/lock.py" line="99"/>
        <source>&amp;Password:</source>
        <translation>パスワード(&amp;P):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/lock.py" line="104"/>
        <source>&amp;Unlock</source>
        <translation>ロック解除(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/lock.py" line="107"/>
        <source>Sign &amp;out</source>
        <translation>ログアウト(&amp;O)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="68"/>
        <source>wardapp — demo ward (fictitious)</source>
        <extracomment>The status-bar counts were refreshed (tests wait on it). The user signed out (not merely closed the window): the app shows the sign-in again. The screen was locked (True) or unlocked (False). The backup taken on closing finished (its BackupInfo, or None when it failed).</extracomment>
        <translation>wardapp — デモ区（架空）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="70"/>
        <source>wardapp — {name}</source>
        <translation>wardapp — {name}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="75"/>
        <source>Pages</source>
        <translation>ページ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="106"/>
        <source>This is a fictitious demo ward. The people and addresses are not real.</source>
        <translation>デモ用の架空の区です。実在の人物・住所ではありません。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="123"/>
        <source>There is no page for your role ({role}) yet.</source>
        <translation>この役割（{role}）で使えるページはまだありません。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="165"/>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="166"/>
        <source>&amp;Import registry data…</source>
        <translation>住基データの取り込み(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="169"/>
        <source>Import a resident registry extract (CSV)</source>
        <translation>住民基本台帳の抽出データ（CSV）を取り込みます</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="172"/>
        <source>Import &amp;welfare data…</source>
        <translation>福祉データの取り込み(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="174"/>
        <source>Import welfare attributes (care levels, disability certificates, pregnancies …) from a CSV file</source>
        <translation>福祉情報（要介護認定・障害者手帳・妊娠など）の CSV ファイルを取り込みます</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="177"/>
        <source>Import &amp;address dictionary data…</source>
        <translation>住所辞書データの取り込み(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="179"/>
        <source>Import official address data (MLIT position reference data, Address Base Registry)</source>
        <translation>公的な住所データ（位置参照情報・アドレス・ベース・レジストリ）を取り込みます</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="182"/>
        <source>Import &amp;map layer…</source>
        <translation>地図レイヤの取り込み(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="184"/>
        <source>Import town boundaries, flood zones, shelters or facilities</source>
        <translation>町字の境界・浸水想定区域・避難所・施設を取り込みます</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="193"/>
        <source>&amp;Lock the screen</source>
        <translation>画面をロック(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="197"/>
        <source>Sign &amp;out</source>
        <translation>ログアウト(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="204"/>
        <source>E&amp;xit</source>
        <translation>終了(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="211"/>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="212"/>
        <source>&amp;Filter…</source>
        <translation>絞り込み(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="225"/>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="226"/>
        <source>&amp;About wardapp</source>
        <translation>バージョン情報(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="234"/>
        <source>Database: {path}</source>
        <translation>データベース: {path}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="248"/>
        <source>Signed in as {user}</source>
        <translation>ログイン中の利用者: {user}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="285"/>
        <source>Your role ({role}) may not use the page “{page}”, so this item cannot be opened.</source>
        <translation>{role}の権限では「{page}」ページを使えないため、開けません。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="288"/>
        <source>Cannot open</source>
        <translation>開けません</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="312"/>
        <source>Counting…</source>
        <translation>集計中…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="318"/>
        <source>{households:,} households, {persons:,} residents</source>
        <translation>{households:,} 世帯・{persons:,} 人</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="337"/>
        <source>About wardapp</source>
        <translation>バージョン情報</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="453"/>
        <source>Taking the automatic backup before closing…</source>
        <translation>終了前の自動バックアップを作成しています…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/main_window.py" line="336"/>
        <source>wardapp {version}

Disaster victim support and digital-divide outreach for ward offices. Works offline; the data stays on this computer.</source>
        <translation>wardapp {version}

区役所のための被災者支援・デジタルデバイド対策アプリです。オフラインで動作し、データはこのパソコンの外に出ません。</translation>
    </message>
</context>
<context>
    <name>MapPage</name>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="148"/>
        <source>Map</source>
        <translation>地図</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="182"/>
        <location filename="../../src/wardapp/ui/pages/map.py" line="389"/>
        <source>Loading the map…</source>
        <translation>地図を読み込んでいます…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="214"/>
        <source>Find a household</source>
        <translation>世帯を探す</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="218"/>
        <source>Household no., name, kana or address</source>
        <translation>世帯番号・氏名・カナ・住所</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="236"/>
        <source>Figures by town</source>
        <translation>町丁目別の集計</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="239"/>
        <source>Households with score at least</source>
        <translation>世帯スコアが次の値以上の世帯数</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="240"/>
        <source>Persons aged at least</source>
        <translation>次の年齢以上の人数</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="247"/>
        <source>&amp;Colour the towns</source>
        <translation>町丁目を色分けする(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="259"/>
        <source>Selected area</source>
        <translation>選択した範囲</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="261"/>
        <source>By &amp;town…</source>
        <translation>町字で選ぶ(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="263"/>
        <source>List the households of one or more towns</source>
        <translation>1つ以上の町字の世帯を一覧にします</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="265"/>
        <source>By flood &amp;depth</source>
        <translation>浸水深で選ぶ(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="298"/>
        <source>&amp;Save area…</source>
        <translation>範囲を保存(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="301"/>
        <source>&amp;Open saved area…</source>
        <translation>保存した範囲を開く(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="304"/>
        <source>C&amp;lear the area</source>
        <translation>範囲を消す(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="320"/>
        <source>Household on the map</source>
        <translation>地図で選んだ世帯</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="321"/>
        <source>Click a household on the map to see who lives there.</source>
        <translation>地図上の世帯の点をクリックすると、住んでいる人を表示します。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="331"/>
        <source>Draw a polygon, rectangle or circle on the map, or select by town or flood depth.</source>
        <translation>地図に多角形・四角形・円を描くか、町字・浸水深で選んでください。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="337"/>
        <source>List the households in the flood zones of a depth class</source>
        <translation>浸水深の区分ごとに、浸水想定区域内の世帯を一覧にします</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="339"/>
        <source>Reading the flood zones…</source>
        <translation>浸水想定区域を読み込んでいます…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="341"/>
        <source>No flood zones have been imported (File menu, map layers).</source>
        <translation>浸水想定区域が取り込まれていません（ファイルメニューの地図レイヤーの取り込み）。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="464"/>
        <source>{placed:,} of {total:,} households are on the map.</source>
        <translation>{total:,}世帯のうち{placed:,}世帯を地図に表示しています。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="507"/>
        <source>  (member: {name})</source>
        <translation>  （世帯員: {name}）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="509"/>
        <source>  (not on the map)</source>
        <translation>  （地図上の位置なし）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="515"/>
        <source>No household found.</source>
        <translation>該当する世帯はありません。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="529"/>
        <source>Household {no} has no point on the map (its address is not matched).</source>
        <translation>世帯番号 {no} は地図上の位置がありません（住所が照合されていません）。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="570"/>
        <source>Finding the households in the area…</source>
        <translation>範囲内の世帯を探しています…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="601"/>
        <source>Note: {note}</source>
        <translation>メモ: {note}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="618"/>
        <source>{area}: {households:,} households, {persons:,} persons</source>
        <translation>{area}：{households:,}世帯・{persons:,}人</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="621"/>
        <source>Saved area “{name}”</source>
        <translation>保存した範囲「{name}」</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="684"/>
        <source>Whole flood zone ({households:,} households)</source>
        <translation>浸水想定区域の全域（{households:,}世帯）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="685"/>
        <source>Depth {depth} m or more ({households:,} households)</source>
        <translation>浸水深 {depth} m以上（{households:,}世帯）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="734"/>
        <source>Save the area</source>
        <translation>範囲を保存</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="735"/>
        <source>An area named “{name}” is already saved. Replace it with this one?</source>
        <translation>「{name}」という名前の範囲は既に保存されています。この範囲で置き換えますか？</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="754"/>
        <source>The area was saved as “{name}”.</source>
        <translation>範囲を「{name}」として保存しました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="774"/>
        <source>The saved area “{name}” was deleted.</source>
        <translation>保存した範囲「{name}」を削除しました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="801"/>
        <source>{n} households at this point</source>
        <translation>この地点に{n}世帯</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/map.py" line="812"/>
        <source>… and {n} more</source>
        <translation>…ほか{n}世帯</translation>
    </message>
</context>
<context>
    <name>MapStart</name>
    <message>
        <location filename="../../src/wardapp/ui/map/start.py" line="25"/>
        <source>The map cannot be shown: the wardapp:// scheme was not registered before the application started.</source>
        <translation>地図を表示できません（アプリの起動前に wardapp:// の登録ができませんでした）。</translation>
    </message>
</context>
<context>
    <name>MatchModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_participants.py" line="82"/>
        <source>Same person</source>
        <translation>同一人物</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_participants.py" line="84"/>
        <source>Kana</source>
        <translation>フリガナ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_participants.py" line="85"/>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_participants.py" line="86"/>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_participants.py" line="87"/>
        <source>Born / age</source>
        <translation>生年月日・年代</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_participants.py" line="88"/>
        <source>Match</source>
        <translation>判定</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_participants.py" line="89"/>
        <source>ID</source>
        <translation>受講者ID</translation>
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
    <name>MonthGrid</name>
    <message>
        <location filename="../../src/wardapp/ui/calendar_views.py" line="268"/>
        <source>+{n} more</source>
        <extracomment>Kind colours, as on the 到達状況の地図 (venues orange, visits teal). Pale fills of held events, per kind. An event was clicked (kind, id) / double-clicked. An empty part of a day was double-clicked. Where each event was last painted (hit testing); rebuilt on every paint.</extracomment>
        <translation>ほか{n}件</translation>
    </message>
</context>
<context>
    <name>NewPasswordDialog</name>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="106"/>
        <source>&amp;Password:</source>
        <extracomment>Action prefixes offered in the audit filter (the combo is editable for any other action).</extracomment>
        <translation>パスワード(&amp;P):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="107"/>
        <source>Password (&amp;again):</source>
        <translation>パスワード（確認）(&amp;A):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/admin.py" line="119"/>
        <source>The two passwords are different. Type the same password twice.</source>
        <translation>2つのパスワードが違います。同じパスワードを2回入力してください。</translation>
    </message>
</context>
<context>
    <name>OutreachMapPage</name>
    <message>
        <location filename="../../src/wardapp/ui/pages/outreach_map.py" line="91"/>
        <source>Outreach map</source>
        <extracomment>The figures (and the table) are shown. The map page has been drawn in the web view.</extracomment>
        <translation>到達状況の地図</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/outreach_map.py" line="108"/>
        <source>Reference &amp;date:</source>
        <translation>基準日(&amp;D):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/outreach_map.py" line="126"/>
        <source>Loading the map…</source>
        <translation>地図を読み込んでいます…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/outreach_map.py" line="199"/>
        <source>Last 12 months: {start} – {end}</source>
        <translation>対象期間（12か月）: {start}〜{end}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/outreach_map.py" line="204"/>
        <source>{unreached} of {towns} towns not reached ({aged:,} residents aged {age}+ live there)</source>
        <translation>{towns}町字のうち未到達 {unreached}町字（{age}歳以上 {aged:,}人が住んでいます）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/outreach_map.py" line="207"/>
        <source>All {towns} towns reached</source>
        <translation>{towns}町字すべてに到達しています</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/outreach_map.py" line="220"/>
        <source>Town boundaries have not been imported, so the map cannot be drawn (File menu, map layers). The table lists every town with its figures.</source>
        <translation>町丁目の境界が取り込まれていないため、地図は表示できません（ファイル → 地図レイヤの取り込み）。右の表に町字ごとの数を示しています。</translation>
    </message>
</context>
<context>
    <name>OverCapacity</name>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1623"/>
        <source>Session full</source>
        <translation>満席</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1626"/>
        <source>Check in beyond the capacity?</source>
        <translation>定員を超えて受け付けますか？</translation>
    </message>
</context>
<context>
    <name>ParticipantDialog</name>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1218"/>
        <source>Edit participant</source>
        <extracomment>The duplicate check has answered (tests wait on it). The stored participant staff chose instead of registering a new one.</extracomment>
        <translation>受講者の編集</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1218"/>
        <source>New participant</source>
        <translation>受講者の新規登録</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1230"/>
        <source>&amp;Use this person</source>
        <translation>この方を選ぶ(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1267"/>
        <source>This person is already registered. Use the stored entry:</source>
        <translation>この方は既に登録されています。登録済みの方を選んでください:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1270"/>
        <source>People with the same kana (a different person can still be registered):</source>
        <translation>同じフリガナの方がいます（別の方なら、そのまま登録できます）:</translation>
    </message>
</context>
<context>
    <name>ParticipantForm</name>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1098"/>
        <source>e.g. 山田 花子</source>
        <extracomment>The fields the duplicate check looks at (カナ, 電話, 生年月日) changed.</extracomment>
        <translation>例: 山田 花子</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1101"/>
        <source>e.g. ヤマダ ハナコ (hiragana is fine)</source>
        <translation>例: ヤマダ ハナコ（ひらがなでも可）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1104"/>
        <source>Known:</source>
        <translation>わかる:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1116"/>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1121"/>
        <source>(not known)</source>
        <translation>（不明）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1134"/>
        <source>May be told about future classes</source>
        <translation>今後の講座の案内をしてよい</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1141"/>
        <source>&amp;Name:</source>
        <translation>氏名(&amp;N):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1142"/>
        <source>&amp;Kana:</source>
        <translation>フリガナ(&amp;K):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1143"/>
        <source>&amp;Phone:</source>
        <translation>電話(&amp;P):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1148"/>
        <source>or age:</source>
        <translation>または年代:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1151"/>
        <source>Date of birth:</source>
        <translation>生年月日:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1153"/>
        <source>&amp;Town:</source>
        <translation>町名(&amp;T):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1154"/>
        <source>&amp;Device:</source>
        <translation>端末(&amp;D):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1155"/>
        <source>Needs:</source>
        <translation>配慮:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1158"/>
        <source>N&amp;otes:</source>
        <translation>備考(&amp;O):</translation>
    </message>
</context>
<context>
    <name>ParticipantListModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_participants.py" line="29"/>
        <source>Linked</source>
        <translation>紐付け</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_participants.py" line="31"/>
        <source>Kana</source>
        <translation>フリガナ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_participants.py" line="32"/>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_participants.py" line="33"/>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_participants.py" line="34"/>
        <source>Age</source>
        <translation>年代</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_participants.py" line="35"/>
        <source>Town</source>
        <translation>町名</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_participants.py" line="36"/>
        <source>Device</source>
        <translation>端末</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_participants.py" line="37"/>
        <source>Needs</source>
        <translation>配慮</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_participants.py" line="38"/>
        <source>Attended</source>
        <translation>受講回数</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_participants.py" line="39"/>
        <source>No-shows</source>
        <translation>欠席</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_participants.py" line="41"/>
        <source>Upcoming</source>
        <translation>申込中</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_participants.py" line="43"/>
        <source>Last attended</source>
        <translation>最後の受講</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_participants.py" line="45"/>
        <source>Registry</source>
        <translation>住民記録</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_participants.py" line="46"/>
        <source>Linked to a resident record (宛名番号)</source>
        <translation>住民記録（宛名番号）と紐付いています</translation>
    </message>
</context>
<context>
    <name>ParticipantsPage</name>
    <message>
        <location filename="../../src/wardapp/ui/pages/participants.py" line="92"/>
        <source>Participants</source>
        <extracomment>Wait this long after the last keystroke before searching (ms). The history of the person to select (the one selected before, else the first). The list shows a new search result. The history of this participant is shown.</extracomment>
        <translation>受講者</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/participants.py" line="115"/>
        <source>Kana, name or phone, e.g. やまだ, ﾔﾏﾀﾞ, 山田, 045-123</source>
        <translation>フリガナ・氏名・電話（例: やまだ、ﾔﾏﾀﾞ、山田、045-123）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/participants.py" line="118"/>
        <source>&amp;Search:</source>
        <translation>検索(&amp;S):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/participants.py" line="122"/>
        <source>&amp;New participant…</source>
        <translation>新規登録(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/participants.py" line="123"/>
        <source>&amp;Edit…</source>
        <translation>編集(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/participants.py" line="124"/>
        <source>Sign &amp;up for a session…</source>
        <translation>申込(&amp;U)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/participants.py" line="138"/>
        <source>History</source>
        <translation>受講歴</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/participants.py" line="146"/>
        <source>&amp;Withdraw this sign-up…</source>
        <translation>この申込を取り消す(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/participants.py" line="198"/>
        <source>{n:,} participant(s)</source>
        <translation>{n:,}人</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/participants.py" line="258"/>
        <source>Select a participant to see the classes they signed up for.</source>
        <translation>受講者を選ぶと、申し込んだ回が表示されます。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/participants.py" line="262"/>
        <source>Attended {n} session(s) of {courses} course(s), first {first}, last {last}.</source>
        <translation>受講 {n}回（{courses}講座）・初回 {first}・最近 {last}。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/participants.py" line="265"/>
        <source>Has not attended a class yet.</source>
        <translation>まだ受講していません。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/participants.py" line="266"/>
        <source> No-shows: {n}.</source>
        <translation> 欠席 {n}回。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/participants.py" line="291"/>
        <source>The participant was already registered: the stored entry is selected.</source>
        <translation>既に登録されている方でした。登録済みの方を選んでいます。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/participants.py" line="293"/>
        <source>The participant was registered.</source>
        <translation>受講者を登録しました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/participants.py" line="319"/>
        <source>The participant was saved.</source>
        <translation>受講者を保存しました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/participants.py" line="335"/>
        <source>Signed up for {n} session(s).</source>
        <translation>{n}回の申込を受け付けました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/participants.py" line="337"/>
        <source>On the waiting list for {n} (place {place}).</source>
        <translation>キャンセル待ち {n}回（{place}番目）。</translation>
    </message>
</context>
<context>
    <name>PastFiguresDialog</name>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="438"/>
        <source>Earlier years&apos; figures</source>
        <translation>過去の年度の実績</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="450"/>
        <source>e.g. 15, 1,200 or 92.5%</source>
        <translation>例: 15、1,200、92.5%</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="451"/>
        <source>Cumulative</source>
        <translation>累計の値</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="457"/>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="496"/>
        <source>Fiscal year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="458"/>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="496"/>
        <source>Indicator</source>
        <translation>指標</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="459"/>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="496"/>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="461"/>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="496"/>
        <source>Note</source>
        <translation>備考</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="462"/>
        <source>&amp;Save figure</source>
        <translation>値を保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="463"/>
        <source>&amp;Remove selected</source>
        <translation>選んだ値を削除(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="464"/>
        <source>&amp;Import CSV…</source>
        <translation>CSVから取り込む(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="482"/>
        <source>Your role may view these figures but not change them.</source>
        <translation>この役割では値を見ることはできますが、入力・変更はできません。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="497"/>
        <source>Entered by</source>
        <translation>入力者</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="545"/>
        <source>Import earlier years&apos; figures</source>
        <translation>過去の年度の実績を取り込む</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="546"/>
        <source>CSV (*.csv *.txt)</source>
        <translation>CSV ファイル (*.csv *.txt)</translation>
    </message>
</context>
<context>
    <name>PdfExport</name>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1681"/>
        <source>Save PDF</source>
        <extracomment>The PDF was written (its path).</extracomment>
        <translation>PDFの保存</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1682"/>
        <source>PDF (*.pdf)</source>
        <translation>PDFファイル (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1692"/>
        <source>Printing</source>
        <translation>印刷</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1693"/>
        <source>Writing {name}…</source>
        <translation>{name} を作成しています…</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <location filename="../../src/wardapp/ui/pdf_preview.py" line="43"/>
        <source>Preview — {name}</source>
        <translation>プレビュー — {name}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pdf_preview.py" line="54"/>
        <source>&amp;Open PDF to print</source>
        <translation>PDFを開いて印刷(&amp;O)</translation>
    </message>
</context>
<context>
    <name>PlaceChooser</name>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="171"/>
        <source>Facility or place name</source>
        <translation>施設または場所の名前</translation>
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
    <name>ProblemModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/scores.py" line="213"/>
        <source>Where</source>
        <translation>規則</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/scores.py" line="214"/>
        <source>Problem</source>
        <translation>内容</translation>
    </message>
</context>
<context>
    <name>RankingModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/scores.py" line="263"/>
        <source>Rank</source>
        <translation>順位</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/scores.py" line="264"/>
        <source>Household no.</source>
        <translation>世帯番号</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/scores.py" line="265"/>
        <source>Head of household</source>
        <translation>世帯主</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/scores.py" line="266"/>
        <source>Household score</source>
        <translation>世帯スコア</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/scores.py" line="267"/>
        <source>Highest personal score</source>
        <translation>最高個人スコア</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/scores.py" line="269"/>
        <source>Members</source>
        <translation>人数</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/scores.py" line="270"/>
        <source>Categories</source>
        <translation>区分</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/scores.py" line="271"/>
        <source>Town</source>
        <translation>町字</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/scores.py" line="272"/>
        <source>Match level</source>
        <translation>照合レベル</translation>
    </message>
</context>
<context>
    <name>RecordTableModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/records.py" line="50"/>
        <location filename="../../src/wardapp/ui/models/records.py" line="61"/>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/records.py" line="51"/>
        <location filename="../../src/wardapp/ui/models/records.py" line="62"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/records.py" line="52"/>
        <location filename="../../src/wardapp/ui/models/records.py" line="64"/>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/records.py" line="53"/>
        <source>Problem</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/records.py" line="63"/>
        <source>Code point</source>
        <translation>文字コード</translation>
    </message>
</context>
<context>
    <name>RecoveryCodeDialog</name>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="226"/>
        <source>wardapp — recovery code</source>
        <translation>wardapp — 回復コード</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="228"/>
        <source>Write down the recovery code</source>
        <translation>回復コードを書き留めてください</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="230"/>
        <source>The database is now encrypted. This recovery code opens it, and its backups, when every password is lost or the key file is gone. It is shown only this once and cannot be shown again.
Write it on paper or print it, and keep it in the office safe. Anyone who has it can read all the personal data: do not keep it on this PC.</source>
        <translation>データベースを暗号化しました。この回復コードは、全員のパスワードを失ったときや鍵ファイルがなくなったときに、データベースとそのバックアップを開くためのものです。表示は今回の1度だけで、再表示できません。
紙に書き写すか印刷して、金庫に保管してください。これを持つ人はすべての個人情報を読めます。この PC には保存しないでください。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="248"/>
        <source>Save as PDF to &amp;print…</source>
        <translation>印刷用に PDF で保存(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="258"/>
        <source>I have written down or printed the recovery code and will keep it in a safe place.</source>
        <translation>回復コードを書き留めた（または印刷した）ので、安全な場所に保管します。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="263"/>
        <source>&amp;Continue</source>
        <translation>続ける(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="276"/>
        <source>Save the recovery code as PDF</source>
        <translation>回復コードを PDF で保存</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="277"/>
        <source>PDF (*.pdf)</source>
        <translation>PDFファイル (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="285"/>
        <source>Saved: {path}. Print it now, then delete the file (and empty the recycle bin).</source>
        <translation>保存しました: {path}。すぐに印刷し、ファイルを削除してください（ごみ箱も空にしてください）。</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="492"/>
        <source>Visit report</source>
        <translation>訪問の報告</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="504"/>
        <source> people</source>
        <translation> 人</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="512"/>
        <source>&amp;Follow-up needed</source>
        <translation>フォローアップが必要(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="533"/>
        <source>by</source>
        <translation>期日</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="538"/>
        <source>Actual &amp;time:</source>
        <translation>実際の時間(&amp;T):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="539"/>
        <source>&amp;Attendees:</source>
        <translation>参加者数(&amp;A):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="540"/>
        <source>What was &amp;done:</source>
        <translation>実施内容(&amp;D):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="541"/>
        <source>&amp;Outcome:</source>
        <translation>成果(&amp;O):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="543"/>
        <source>Follow-&amp;up:</source>
        <translation>フォローアップ(&amp;U):</translation>
    </message>
</context>
<context>
    <name>RequestDialog</name>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="201"/>
        <source>New visit request</source>
        <translation>新しい依頼</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="228"/>
        <source> people</source>
        <translation> 人</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="231"/>
        <source>e.g. projector, loan tablets, mobile Wi-Fi</source>
        <translation>例: プロジェクター、貸出用タブレット、モバイルWi-Fi</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="237"/>
        <source>&amp;Group:</source>
        <translation>団体(&amp;G):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="238"/>
        <source>&amp;Topics:</source>
        <translation>内容(&amp;T):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="239"/>
        <source>Preferred &amp;dates:</source>
        <translation>希望日(&amp;D):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="240"/>
        <source>Held:</source>
        <translation>実施方法:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="241"/>
        <source>&amp;Place:</source>
        <translation>場所(&amp;P):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="242"/>
        <source>E&amp;xpected attendees:</source>
        <translation>参加予定人数(&amp;X):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="243"/>
        <source>E&amp;quipment:</source>
        <translation>必要な機材(&amp;Q):</translation>
    </message>
</context>
<context>
    <name>ResidentsPage</name>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="84"/>
        <source>Residents</source>
        <extracomment>Wait this long after the last keystroke before filtering (ms): typing stays fluid and a 200,000-household filter runs once per pause, not once per character. The households table shows a new snapshot (after a load or reload). The detail panel shows the members of this household id.</extracomment>
        <translation>住民</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="134"/>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="356"/>
        <source>(all towns)</source>
        <translation>（すべての町字）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="140"/>
        <source>e.g. やまだ, 山田, ﾔﾏﾀﾞ or a household number</source>
        <translation>例: やまだ、山田、ﾔﾏﾀﾞ、世帯番号</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="148"/>
        <source>to</source>
        <translation>〜</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="155"/>
        <source>Ages are counted on this date</source>
        <translation>この日現在の年齢で表示・絞り込みします</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="160"/>
        <source>&amp;Clear</source>
        <translation>条件をクリア(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="179"/>
        <source>&amp;Town:</source>
        <translation>町字(&amp;T):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="182"/>
        <source>&amp;Name / kana / no.:</source>
        <translation>氏名・カナ・番号(&amp;N):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="187"/>
        <source>&amp;Age:</source>
        <translation>年齢(&amp;A):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="190"/>
        <source>&amp;Reference date:</source>
        <translation>基準日(&amp;D):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="209"/>
        <source>any</source>
        <translation>指定なし</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="210"/>
        <source> yrs</source>
        <translation> 歳</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="284"/>
        <source>Members of the household</source>
        <translation>世帯の構成員</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="286"/>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="502"/>
        <source>Select a household to see its members.</source>
        <translation>世帯を選ぶと構成員が表示されます。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="313"/>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="338"/>
        <source>Scores: not calculated yet</source>
        <translation>援護度: 未計算</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="339"/>
        <source>Calculate and save the support scores on the page Scores</source>
        <translation>援護度は「スコア」のページで計算して保存します</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="342"/>
        <source>Scores: {profile} v{version}, reference date {date}</source>
        <translation>援護度: {profile} 第{version}版（基準日 {date}）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="345"/>
        <source>(out of date)</source>
        <translation>古い結果です</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="349"/>
        <source>Data were imported after this calculation. Calculate the scores again on the page Scores.</source>
        <translation>この計算のあとにデータを取り込みました。「スコア」のページで計算し直してください。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="359"/>
        <source>(town not determined)</source>
        <translation>（町字未判定）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="394"/>
        <source>{shown:,} of {total:,} households</source>
        <translation>{total:,} 世帯中 {shown:,} 世帯</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/residents.py" line="495"/>
        <source>Household {no} — {address} — {n} member(s)</source>
        <translation>世帯番号 {no} — {address} — {n} 人</translation>
    </message>
</context>
<context>
    <name>RosterModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_checkin.py" line="98"/>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_checkin.py" line="99"/>
        <source>Kana</source>
        <translation>フリガナ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_checkin.py" line="100"/>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_checkin.py" line="101"/>
        <source>Age</source>
        <translation>年代</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_checkin.py" line="102"/>
        <source>Device</source>
        <translation>端末</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_checkin.py" line="103"/>
        <source>Needs</source>
        <translation>配慮</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_checkin.py" line="104"/>
        <source>Channel</source>
        <translation>申込方法</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_checkin.py" line="105"/>
        <source>Sign-up</source>
        <translation>申込</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_checkin.py" line="106"/>
        <source>Attendance</source>
        <translation>出欠</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_checkin.py" line="107"/>
        <source>Checked in</source>
        <translation>受付時刻</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_checkin.py" line="108"/>
        <source>Classes</source>
        <translation>受講</translation>
    </message>
</context>
<context>
    <name>RostersPage</name>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="119"/>
        <source>Area</source>
        <extracomment>Kinds in the order of the combo box (``make_roster``&apos;s ``kind``). The layout combo&apos;s last item: choose a file. The preview is on screen (the RosterResult of its PDF). A file was saved (its RosterResult). The choices (saved selections, towns, flood classes) were loaded. Layouts by file path: the shipped ones, then files staff chose (this session or remembered).</extracomment>
        <translation>範囲</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="121"/>
        <source>Saved selection</source>
        <translation>保存した範囲</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="122"/>
        <source>Towns</source>
        <translation>町字</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="123"/>
        <source>Flood depth</source>
        <translation>浸水深</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="132"/>
        <source>Filter towns</source>
        <translation>町字の絞り込み</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="154"/>
        <source>Document</source>
        <translation>帳票</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="157"/>
        <source>Area roster</source>
        <translation>地域名簿</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="157"/>
        <source>Safety check list</source>
        <translation>安否確認チェックリスト</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="158"/>
        <source>Area roster by town</source>
        <translation>町字ごと（地域名簿）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="158"/>
        <source>Area roster by shelter</source>
        <translation>避難所ごと（地域名簿）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="162"/>
        <source>Normal times (consenting persons only)</source>
        <translation>平常時（同意者のみ）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="163"/>
        <source>Disaster (everyone; a reason is required)</source>
        <translation>災害時（全員・理由が必要）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="169"/>
        <source>Reason (required in a disaster)</source>
        <translation>理由（災害時は必須）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="172"/>
        <source>Which columns the roster has (a layout file)</source>
        <translation>名簿の列の並び（レイアウトファイル）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="173"/>
        <source>Minimum household score</source>
        <translation>最低スコア（世帯）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="180"/>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="181"/>
        <source>Layout</source>
        <translation>レイアウト</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="184"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="192"/>
        <source>&amp;Preview</source>
        <translation>プレビュー(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="193"/>
        <source>&amp;Save…</source>
        <translation>保存…(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="194"/>
        <source>P&amp;rint…</source>
        <translation>印刷…(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="221"/>
        <source>This Qt has no PDF viewer: save the roster and open the file.</source>
        <translation>この Qt には PDF の表示機能がありません。名簿を保存してファイルを開いてください。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="238"/>
        <source>Rosters</source>
        <translation>名簿</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="262"/>
        <source>{name} ({n} households)</source>
        <translation>{name}（{n}世帯）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="271"/>
        <source>{depth} m or deeper ({n} households)</source>
        <translation>{depth} m以上（{n}世帯）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="315"/>
        <source>{name} ({file})</source>
        <translation>{name}（{file}）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="319"/>
        <source>From file…</source>
        <translation>ファイルから…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="340"/>
        <source>Open roster layout</source>
        <translation>名簿のレイアウトを開く</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="341"/>
        <source>Roster layouts (*.toml)</source>
        <translation>名簿のレイアウト (*.toml)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="395"/>
        <source>Choose the area first: a saved selection, one or more towns or a flood depth.</source>
        <translation>先に範囲を選んでください（保存した範囲、町字、浸水深のいずれか）。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="409"/>
        <source>Roster</source>
        <translation>名簿</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="414"/>
        <source>{title} [{mode}]: {households} households, {persons} persons</source>
        <translation>{title}【{mode}】: 掲載 {households}世帯・{persons}人</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="417"/>
        <source>, {pages} pages</source>
        <translation>、{pages}ページ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="419"/>
        <source>Nobody in the area was left out.</source>
        <translation>範囲内で載っていない人はいません。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="421"/>
        <source>Layout: {name}</source>
        <translation>レイアウト: {name}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="432"/>
        <source>Making the preview…</source>
        <translation>プレビューを作っています…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="446"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF ファイル (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="446"/>
        <source>CSV (*.csv)</source>
        <translation>CSV ファイル (*.csv)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="446"/>
        <source>Excel (*.xlsx)</source>
        <translation>Excel ブック (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="447"/>
        <source>Save roster</source>
        <translation>名簿の保存</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="460"/>
        <source>Writing {name}…</source>
        <translation>{name} を書き出しています…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="467"/>
        <source>Making the roster to print…</source>
        <translation>印刷する名簿を作っています…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/rosters.py" line="481"/>
        <source>Print roster</source>
        <translation>名簿の印刷</translation>
    </message>
</context>
<context>
    <name>RuleDelegate</name>
    <message>
        <location filename="../../src/wardapp/ui/rule_editor.py" line="81"/>
        <source>(none)</source>
        <translation>（なし）</translation>
    </message>
</context>
<context>
    <name>RuleTableModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/scores.py" line="51"/>
        <source>On</source>
        <extracomment>Columns of a rule table, by the rule field they edit. Cells with a problem: a light red that black text reads on (and a tooltip with the message). Emitted after every change of the rules (an edit, a rule added or removed, a reset). (row, field) → message of the problem in that cell.</extracomment>
        <translation>有効</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/scores.py" line="52"/>
        <source>ID</source>
        <translation>規則ID</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/scores.py" line="53"/>
        <source>Label</source>
        <translation>表示名</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/scores.py" line="54"/>
        <source>Condition</source>
        <translation>条件</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/scores.py" line="55"/>
        <source>Points</source>
        <translation>点数</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/scores.py" line="56"/>
        <source>Category</source>
        <translation>区分</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/scores.py" line="132"/>
        <source>Off: the rule is kept in the profile but gives no points</source>
        <translation>オフにすると、規則はプロファイルに残りますが点数を付けません</translation>
    </message>
</context>
<context>
    <name>RulesEditor</name>
    <message>
        <location filename="../../src/wardapp/ui/rule_editor.py" line="175"/>
        <source>&amp;Add rule</source>
        <extracomment>The rules changed (every keystroke in a cell, a checkbox, a rule added or removed). 「元に戻す」: the user wants the profile as it was chosen.</extracomment>
        <translation>規則を追加(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/rule_editor.py" line="178"/>
        <source>Re&amp;move rule</source>
        <translation>規則を削除(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/rule_editor.py" line="181"/>
        <source>Re&amp;vert</source>
        <translation>元に戻す(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/rule_editor.py" line="183"/>
        <source>Discard the changes and show the profile as it was chosen</source>
        <translation>変更を捨てて、選んだときのプロファイルに戻します</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/rule_editor.py" line="252"/>
        <source>{n} problem(s): the profile cannot be used or saved until they are corrected</source>
        <translation>{n}件の誤りがあります。直すまでこの設定は使えず、保存もできません</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/rule_editor.py" line="255"/>
        <source>No problems: every rule is checked as you type.</source>
        <translation>誤りはありません（入力のたびにすべての規則を検査しています）。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/rule_editor.py" line="294"/>
        <source>New rule</source>
        <translation>新しい規則</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/rule_editor.py" line="314"/>
        <source>Person rules ({n})</source>
        <translation>個人の規則（{n}）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/rule_editor.py" line="315"/>
        <source>Household rules ({n})</source>
        <translation>世帯の規則（{n}）</translation>
    </message>
</context>
<context>
    <name>SaveAreaDialog</name>
    <message>
        <location filename="../../src/wardapp/ui/map/saved_areas.py" line="61"/>
        <source>Save the area</source>
        <translation>範囲を保存</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/map/saved_areas.py" line="68"/>
        <source>e.g. Around shelter A</source>
        <translation>例: 避難所A周辺</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/map/saved_areas.py" line="79"/>
        <source>&amp;Name:</source>
        <translation>名前(&amp;N):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/map/saved_areas.py" line="80"/>
        <source>N&amp;ote:</source>
        <translation>メモ(&amp;O):</translation>
    </message>
</context>
<context>
    <name>SaveVersionDialog</name>
    <message>
        <location filename="../../src/wardapp/ui/profile_dialog.py" line="32"/>
        <source>Save as a new version</source>
        <translation>新しい版として保存</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/profile_dialog.py" line="44"/>
        <source>Each save is a new file: versions already used for scores stay as they were.</source>
        <translation>保存するたびに新しいファイルになります。計算に使った版はそのまま残ります。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/profile_dialog.py" line="47"/>
        <source>&amp;Name:</source>
        <translation>名前(&amp;N):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/profile_dialog.py" line="50"/>
        <source>&amp;Description:</source>
        <translation>説明(&amp;D):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/profile_dialog.py" line="56"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/profile_dialog.py" line="72"/>
        <source>Enter a name for the profile.</source>
        <translation>プロファイルの名前を入れてください。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/profile_dialog.py" line="75"/>
        <source>Saved as version {version}: {path}</source>
        <translation>第{version}版として保存します: {path}</translation>
    </message>
</context>
<context>
    <name>SavedAreas</name>
    <message>
        <location filename="../../src/wardapp/ui/map/saved_areas.py" line="47"/>
        <source>Polygon</source>
        <translation>多角形</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/map/saved_areas.py" line="48"/>
        <source>Circle</source>
        <translation>円</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/map/saved_areas.py" line="49"/>
        <source>Towns</source>
        <translation>町字</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/map/saved_areas.py" line="50"/>
        <source>Flood depth</source>
        <translation>浸水深</translation>
    </message>
</context>
<context>
    <name>SavedAreasDialog</name>
    <message>
        <location filename="../../src/wardapp/ui/map/saved_areas.py" line="117"/>
        <source>Saved areas</source>
        <translation>保存した範囲</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/map/saved_areas.py" line="120"/>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/map/saved_areas.py" line="121"/>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/map/saved_areas.py" line="122"/>
        <source>Households</source>
        <translation>世帯数</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/map/saved_areas.py" line="124"/>
        <source>Saved by</source>
        <translation>保存した人</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/map/saved_areas.py" line="125"/>
        <source>Saved at</source>
        <translation>保存日時</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/map/saved_areas.py" line="126"/>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/map/saved_areas.py" line="144"/>
        <source>Reading the saved areas…</source>
        <translation>保存した範囲を読み込んでいます…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/map/saved_areas.py" line="149"/>
        <source>&amp;Open</source>
        <translation>開く(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/map/saved_areas.py" line="152"/>
        <source>&amp;Delete…</source>
        <translation>削除(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/map/saved_areas.py" line="181"/>
        <source>No area has been saved yet. Select an area on the map and press Save area….</source>
        <translation>保存した範囲はまだありません。地図で範囲を選び、「範囲を保存…」を押してください。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/map/saved_areas.py" line="219"/>
        <source>Delete saved area</source>
        <translation>保存した範囲の削除</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/map/saved_areas.py" line="220"/>
        <source>Delete the saved area “{name}”?</source>
        <translation>保存した範囲「{name}」を削除しますか？（住民のデータは削除されません）</translation>
    </message>
</context>
<context>
    <name>ScheduleDialog</name>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="287"/>
        <source>Schedule the visit</source>
        <extracomment>The suggestions for the current date/time/place were shown.</extracomment>
        <translation>日程を決める</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="293"/>
        <source>Preferred: {dates}</source>
        <translation>希望日: {dates}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="296"/>
        <source>No preferred date given.</source>
        <translation>希望日の指定はありません。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="314"/>
        <source>(not decided)</source>
        <translation>（未定）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="319"/>
        <source>&amp;Confirm the visit (確定)</source>
        <translation>確定にする(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="343"/>
        <source>&amp;When:</source>
        <translation>日時(&amp;W):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="344"/>
        <source>&amp;Place:</source>
        <translation>場所(&amp;P):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="346"/>
        <source>Advisers who fit (fewest visits that week first):</source>
        <translation>候補のアドバイザー（その週の訪問が少ない順）:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="348"/>
        <source>Not suggested, and why:</source>
        <translation>候補にならないアドバイザーと理由:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="350"/>
        <source>&amp;Adviser:</source>
        <translation>アドバイザー(&amp;A):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="377"/>
        <source>The end must be after the start.</source>
        <translation>終了は開始より後にしてください。</translation>
    </message>
</context>
<context>
    <name>ScoresPage</name>
    <message>
        <location filename="../../src/wardapp/ui/pages/scores.py" line="201"/>
        <source>Scores</source>
        <extracomment>Households shown in the ranking table. Check the profile this long after the last keystroke (ms). A live re-score slower than this (s) moves the next ones off the GUI thread. Band bar colours from the lowest band to the highest (grey → red). The ward&apos;s data are read (first show, or after an import). A profile was checked: True when it has no problems. Bands, ranking and breakdown show the scores of the current profile. A score run was saved (its id). A profile version was written (its path).</extracomment>
        <translation>スコア</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/scores.py" line="277"/>
        <source>Ages and the validity of welfare data are taken on this day</source>
        <translation>年齢と福祉情報の有効期間は、この日で判断します</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/scores.py" line="280"/>
        <source>Calculate and &amp;save with this profile</source>
        <translation>この設定で計算して保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/scores.py" line="289"/>
        <source>&amp;Profile:</source>
        <translation>プロファイル(&amp;P):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/scores.py" line="291"/>
        <source>&amp;Reference date:</source>
        <translation>基準日(&amp;D):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/scores.py" line="311"/>
        <source>Rules of the profile</source>
        <translation>プロファイルの規則</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/scores.py" line="316"/>
        <source>Save as new &amp;version…</source>
        <translation>新しい版として保存(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/scores.py" line="330"/>
        <source>Households per score band</source>
        <translation>帯ごとの世帯数</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/scores.py" line="343"/>
        <source>Ranking (top {n} households)</source>
        <translation>順位（上位{n}世帯）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/scores.py" line="352"/>
        <source>Breakdown of the selected household</source>
        <translation>選んだ世帯の内訳</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/scores.py" line="358"/>
        <source>Select a household in the ranking to see which rule gave which points.</source>
        <translation>順位の表で世帯を選ぶと、どの規則が何点を付けたかが出ます。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/scores.py" line="547"/>
        <source>Reading the residents, welfare data and flood zones…</source>
        <translation>住民・福祉情報・浸水想定区域を読み込んでいます…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/scores.py" line="552"/>
        <source>The profile has problems: the figures below are from the last profile without problems.</source>
        <translation>プロファイルに誤りがあります。下の数字は、最後に誤りのなかった設定のものです。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/scores.py" line="559"/>
        <source>{persons:,} residents in {households:,} households, scored in {ms:,.0f} ms.</source>
        <translation>住民 {persons:,}人・{households:,}世帯（計算 {ms:,.0f} ミリ秒）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/scores.py" line="630"/>
        <source>No scores have been saved yet: the residents page shows none.</source>
        <translation>援護度はまだ保存されていません（住民のページには出ません）。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/scores.py" line="633"/>
        <source>Latest saved scores: {caption}</source>
        <translation>最新の記録: {caption}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/scores.py" line="636"/>
        <source>Out of date: data were imported after this calculation.</source>
        <translation>古い結果です（この計算のあとにデータを取り込みました）。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/scores.py" line="644"/>
        <source>(edited, not saved)</source>
        <translation>（変更あり・未保存）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/scores.py" line="646"/>
        <source>Save the edited profile as a new version or revert it to choose another profile</source>
        <translation>別のプロファイルを選ぶには、変更を新しい版として保存するか、元に戻してください</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/scores.py" line="654"/>
        <source>Save the edited profile as a new version first: saved scores name the profile version they were made with</source>
        <translation>先に変更を新しい版として保存してください。保存する援護度には、計算に使ったプロファイルの版が記録されます</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/scores.py" line="656"/>
        <source>Correct the problems of the profile first</source>
        <translation>先にプロファイルの誤りを直してください</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/scores.py" line="658"/>
        <source>Score every household on the reference date and save the result (the residents page and rosters show it)</source>
        <translation>基準日で全世帯を計算して保存します（住民のページと名簿に出ます）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/scores.py" line="677"/>
        <source>Calculating support scores</source>
        <translation>援護度の計算</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/scores.py" line="678"/>
        <source>Scoring every household and saving the result…</source>
        <translation>全世帯の援護度を計算して保存しています…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/scores.py" line="689"/>
        <source>Scores saved (record {id})</source>
        <translation>援護度を保存しました（記録番号 {id}）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/scores.py" line="719"/>
        <source>Saved {name} version {version}: {path}</source>
        <translation>「{name}」第{version}版を保存しました: {path}</translation>
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
    <name>SessionCalendar</name>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="174"/>
        <source>{n} sess.</source>
        <extracomment>Wait this long after the period changed before reading the store again (ms). date → (open or held sessions, cancelled sessions)</extracomment>
        <translation>{n}回</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/classes.py" line="176"/>
        <source>{n} canc.</source>
        <translation>中止{n}</translation>
    </message>
</context>
<context>
    <name>SessionDialog</name>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="585"/>
        <source>Edit session</source>
        <extracomment>Venue combo data for &quot;a place not in the facility list&quot; (its name typed) and &quot;no venue&quot;.</extracomment>
        <translation>回の編集</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="585"/>
        <source>New session or series</source>
        <translation>新しい回・シリーズ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="604"/>
        <source>Another place (enter its name)</source>
        <translation>その他の場所（名前を入力）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="605"/>
        <source>No venue (online)</source>
        <translation>会場なし（オンライン）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="608"/>
        <source>e.g. a community hall</source>
        <translation>例: 〇〇町内会館</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="616"/>
        <source> people</source>
        <translation>人</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="622"/>
        <source>Separate names with 、</source>
        <translation>複数のときは「、」で区切る</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="630"/>
        <source>&amp;Course:</source>
        <translation>講座(&amp;C):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="631"/>
        <source>&amp;Date:</source>
        <translation>日付(&amp;D):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="637"/>
        <source>&amp;Time:</source>
        <translation>時間(&amp;T):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="641"/>
        <source>&amp;Venue:</source>
        <translation>会場(&amp;V):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="642"/>
        <source>Deli&amp;very:</source>
        <translation>実施方法(&amp;Y):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="646"/>
        <source>Loan devices:</source>
        <translation>貸出端末:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="649"/>
        <source>C&amp;apacity:</source>
        <translation>定員(&amp;A):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="650"/>
        <source>&amp;Instructors:</source>
        <translation>講師(&amp;I):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="651"/>
        <source>&amp;Status:</source>
        <translation>状態(&amp;S):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="652"/>
        <source>&amp;Notes:</source>
        <translation>備考(&amp;N):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="675"/>
        <source>Repeat</source>
        <translation>繰り返し</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="677"/>
        <source>&amp;One session</source>
        <translation>1回だけ(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="678"/>
        <source>A &amp;series every</source>
        <translation>シリーズ: 間隔(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="679"/>
        <source>A series on &amp;chosen dates</source>
        <translation>シリーズ: 日付を選ぶ(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="688"/>
        <source> days</source>
        <translation>日ごと</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="693"/>
        <source> sessions</source>
        <translation>回</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="704"/>
        <source>Add date</source>
        <translation>日付を追加</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="707"/>
        <source>Remove date</source>
        <translation>日付を削除</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="711"/>
        <source>Optional, e.g. spring 2026</source>
        <translation>任意（例: 2026年春）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="726"/>
        <source>Series name:</source>
        <translation>シリーズ名:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="736"/>
        <source>Change</source>
        <translation>変更する範囲</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="738"/>
        <source>This session &amp;only</source>
        <translation>この回だけ(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="739"/>
        <source>This and the &amp;following sessions of the series</source>
        <translation>この回以降(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="740"/>
        <source>The &amp;whole series ({n} sessions)</source>
        <translation>シリーズ全体（{n}回）(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="748"/>
        <source> day(s)</source>
        <translation>日</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="749"/>
        <source>Held and cancelled sessions of the series are left as they are.</source>
        <translation>実施済・中止の回は変更しません。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="755"/>
        <source>Move the dates by:</source>
        <translation>日付をずらす:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="838"/>
        <source>{n} session(s): {dates}</source>
        <translation>{n}回: {dates}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="885"/>
        <source>Enter a course first (tab Courses).</source>
        <translation>先に講座を登録してください（「講座」タブ）。</translation>
    </message>
</context>
<context>
    <name>SessionListModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="58"/>
        <source>Date</source>
        <extracomment>Text of a cancelled session (also marked 中止 in its status column, so it reads in black and white). Sessions with calls still to make: a light amber that black text reads on.</extracomment>
        <translation>日付</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="59"/>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="60"/>
        <source>Course / session</source>
        <translation>講座・回</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="62"/>
        <source>Venue</source>
        <translation>会場</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="63"/>
        <source>Capacity</source>
        <translation>定員</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="64"/>
        <source>Signed up</source>
        <translation>申込</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="65"/>
        <source>Waiting</source>
        <translation>待ち</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="67"/>
        <source>Present</source>
        <translation>出席</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="69"/>
        <source>Absent</source>
        <translation>欠席</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="71"/>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="73"/>
        <source>To call</source>
        <translation>要連絡</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="80"/>
        <source>Instructors: {names}</source>
        <translation>講師: {names}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="82"/>
        <source>Run with: {partner}</source>
        <translation>実施主体: {partner}</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="320"/>
        <source>wardapp — sign in</source>
        <translation>wardapp — ログイン</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="333"/>
        <source>Sign in to wardapp</source>
        <translation>wardapp にログイン</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="335"/>
        <source>The database is encrypted. Your user name and password also unlock it.</source>
        <translation>データベースは暗号化されています。利用者名とパスワードで暗号の鍵も開けます。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="349"/>
        <source>&amp;User name:</source>
        <translation>利用者名(&amp;U):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="350"/>
        <source>&amp;Password:</source>
        <translation>パスワード(&amp;P):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="355"/>
        <source>&amp;Sign in</source>
        <translation>ログイン(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="375"/>
        <source>Demo ward: open as</source>
        <translation>デモ区を開く役割</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="378"/>
        <source>Each role has a demo account (password {password}). Choose a role to see the fictitious ward as that role sees it.</source>
        <translation>役割ごとにデモ用の利用者があります（パスワード {password}）。役割を選ぶと、その役割から見た架空の区を開きます。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="404"/>
        <source>Open the demo as {role}</source>
        <translation>{role}としてデモを開く</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="409"/>
        <source>Choose a new password</source>
        <translation>新しいパスワードの設定</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="411"/>
        <source>Your password was set by the administrator. Choose a password of your own before you continue (at least {n} characters, not the same as the user name).</source>
        <translation>いまのパスワードは管理者が設定したものです。続ける前に、自分のパスワードに変更してください（{n}文字以上、利用者名と同じものは不可）。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="418"/>
        <source>&amp;New password:</source>
        <translation>新しいパスワード(&amp;N):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="419"/>
        <source>New password (&amp;again):</source>
        <translation>新しいパスワード（確認）(&amp;A):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="424"/>
        <source>&amp;Change and sign in</source>
        <translation>変更してログイン(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/login.py" line="483"/>
        <source>The two passwords are different. Type the same password twice.</source>
        <translation>2つのパスワードが違います。同じパスワードを2回入力してください。</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../src/wardapp/ui/app.py" line="128"/>
        <source>The automatic backup failed: {message}</source>
        <extracomment>Japanese UI fonts in order of preference. Naming one explicitly matters on Linux, where fontconfig may otherwise draw kanji with the Chinese (SC) forms of Noto CJK; on Windows the default Segoe UI has no kana and relies on font linking.</extracomment>
        <translation>自動バックアップに失敗しました: {message}</translation>
    </message>
</context>
<context>
    <name>StatisticsPage</name>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="207"/>
        <source>Course</source>
        <translation>講座</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="207"/>
        <source>Series</source>
        <translation>シリーズ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="207"/>
        <source>Session</source>
        <translation>回</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="210"/>
        <source>Count adviser visits</source>
        <translation>派遣を数える</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="212"/>
        <source>Count grants</source>
        <translation>助成を数える</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="216"/>
        <source>Export to &amp;Excel…</source>
        <translation>Excelに書き出す(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="217"/>
        <source>Export to &amp;PDF…</source>
        <translation>PDFに書き出す(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="218"/>
        <source>Earlier &amp;years…</source>
        <translation>過去の実績(&amp;Y)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="220"/>
        <source>Fiscal year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="223"/>
        <source>One initiative is a</source>
        <translation>取組の単位</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="228"/>
        <source>Understood at level</source>
        <translation>理解度の基準</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="273"/>
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="274"/>
        <source>Charts</source>
        <translation>グラフ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="275"/>
        <source>By month</source>
        <translation>月別</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="276"/>
        <source>By venue</source>
        <translation>会場別</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="277"/>
        <source>By town</source>
        <translation>町別</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="278"/>
        <source>Earlier years</source>
        <translation>経年比較</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="298"/>
        <source>Statistics</source>
        <translation>集計</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="360"/>
        <source>Figure</source>
        <translation>項目</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="360"/>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="360"/>
        <source>Definition</source>
        <translation>定義</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="363"/>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="363"/>
        <source>Classes in person</source>
        <translation>教室 対面</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="363"/>
        <source>Classes online</source>
        <translation>教室 オンライン</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="364"/>
        <source>Classes hybrid</source>
        <translation>教室 ハイブリッド</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="364"/>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="367"/>
        <source>Visits</source>
        <translation>派遣</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="364"/>
        <source>In person total</source>
        <translation>対面 計</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="365"/>
        <source>Online total</source>
        <translation>オンライン 計</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="365"/>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="367"/>
        <source>Attendances</source>
        <translation>延べ受講者数</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="365"/>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="368"/>
        <source>Visit attendees</source>
        <translation>派遣先の参加者数</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="367"/>
        <source>Sessions</source>
        <translation>教室の回数</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="367"/>
        <source>Participants</source>
        <translation>実受講者数</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="369"/>
        <source>Venue</source>
        <translation>会場</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="370"/>
        <source>Town</source>
        <translation>町字</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="372"/>
        <source>Indicator</source>
        <translation>指標</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="380"/>
        <source>Sessions and visits per month</source>
        <translation>月別の実施回数（対面・オンライン）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="382"/>
        <source>Participants by age</source>
        <translation>年代別の実受講者数</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="384"/>
        <source>Participants by device</source>
        <translation>端末別の実受講者数</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="387"/>
        <source>Initiatives by year</source>
        <translation>情報格差是正に向けた取組数（年度別）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="396"/>
        <source>Excel (*.xlsx)</source>
        <translation>Excel ファイル (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="396"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF ファイル (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="397"/>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="416"/>
        <source>Export report</source>
        <translation>集計の書き出し</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="412"/>
        <source>Wrote {name}</source>
        <translation>{name} に書き出しました</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/statistics.py" line="416"/>
        <source>Writing {name}…</source>
        <translation>{name} を書き出しています…</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="441"/>
        <source>Change status</source>
        <translation>状態の変更</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="446"/>
        <source>{group}: now {status}</source>
        <translation>{group}: 現在「{status}」</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/visit_dialogs.py" line="447"/>
        <source>&amp;New status:</source>
        <translation>新しい状態(&amp;N):</translation>
    </message>
</context>
<context>
    <name>SuggestionModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="173"/>
        <source>Adviser</source>
        <translation>アドバイザー</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="176"/>
        <source>Affiliation</source>
        <translation>所属</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="174"/>
        <source>Visits that week</source>
        <translation>その週の訪問</translation>
    </message>
</context>
<context>
    <name>SurveyDialog</name>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="962"/>
        <source>Survey</source>
        <translation>アンケートの入力</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="962"/>
        <source>Edit survey</source>
        <translation>アンケートの修正</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="965"/>
        <source>Understanding</source>
        <translation>理解度</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="972"/>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="980"/>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="992"/>
        <source>No answer</source>
        <translation>無回答</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="976"/>
        <source>Interest in digital things went up</source>
        <translation>デジタルへの関心が上がった</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="979"/>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="992"/>
        <source>Yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="979"/>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="992"/>
        <source>No</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="986"/>
        <source>Can do it now</source>
        <translation>できるようになった</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1000"/>
        <source>The course has no topics.</source>
        <translation>この講座には内容（トピック）がありません。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1016"/>
        <source>Comment:</source>
        <translation>自由記述:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1020"/>
        <source>Save and &amp;next</source>
        <translation>保存して次へ(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1034"/>
        <source>Forms entered in this window: {n}</source>
        <translation>この画面で入力した枚数: {n}</translation>
    </message>
</context>
<context>
    <name>SurveyModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="171"/>
        <source>Yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="171"/>
        <source>No</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="173"/>
        <source>Form ID</source>
        <translation>回答ID</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="174"/>
        <source>Understanding</source>
        <translation>理解度</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="176"/>
        <source>Interest up</source>
        <translation>関心が上がった</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="179"/>
        <source>Can do now</source>
        <translation>できるようになった</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="180"/>
        <source>Comment</source>
        <translation>自由記述</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="182"/>
        <source>Entered</source>
        <translation>入力日時</translation>
    </message>
</context>
<context>
    <name>Task</name>
    <message>
        <location filename="../../src/wardapp/ui/tasks.py" line="145"/>
        <source>Cancel</source>
        <extracomment>A progress dialog appears only for work that takes longer than this (ms), so quick operations do not flash a window. Progress signals per second at most; the core may report far more often than a screen shows. Emitted after the success or failure callback has run.</extracomment>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/tasks.py" line="162"/>
        <source>Cancelling…</source>
        <translation>取り消しています…</translation>
    </message>
</context>
<context>
    <name>TopicListEditor</name>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="417"/>
        <source>Choose or type a topic</source>
        <extracomment>Wait this long after the last keystroke before asking the core again (ms). Emitted with the widget that wrote. The dialog open over the page (see :meth:`_open`), None when there is none. Rows measured to size a column to its contents. Qt&apos;s own resizeColumnsToContents asks the delegate for every cell (eight data() calls each) and costs a few hundred ms on 5,000 participants — more than opening a page may; measuring the text of these rows costs a few ms. The core accepted; the argument is what the call returned. The core refused; the argument is the text shown in the dialog.</extracomment>
        <translation>内容を選ぶか入力</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="419"/>
        <source>&amp;Add</source>
        <translation>追加(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="422"/>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="425"/>
        <source>Up</source>
        <translation>上へ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="427"/>
        <source>Down</source>
        <translation>下へ</translation>
    </message>
</context>
<context>
    <name>TopicsDialog</name>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="542"/>
        <source>Topics of the courses</source>
        <translation>講座の内容（トピック）の一覧</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="545"/>
        <source>The list offered when a course is entered. Courses keep the topics they were given.</source>
        <translation>講座を入力するときに選べる一覧です。登録済みの講座の内容は変わりません。</translation>
    </message>
</context>
<context>
    <name>TownChoiceModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/town_choices.py" line="46"/>
        <source>Town</source>
        <translation>町字</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/town_choices.py" line="46"/>
        <source>Households</source>
        <translation>世帯数</translation>
    </message>
</context>
<context>
    <name>TownPickerDialog</name>
    <message>
        <location filename="../../src/wardapp/ui/map/town_picker.py" line="39"/>
        <source>Select by town</source>
        <translation>町字で選ぶ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/map/town_picker.py" line="51"/>
        <source>Filter towns by name</source>
        <translation>町字名で絞り込む</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/map/town_picker.py" line="68"/>
        <source>Check all &amp;shown</source>
        <translation>表示中をすべて選ぶ(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/map/town_picker.py" line="71"/>
        <source>&amp;Uncheck all</source>
        <translation>選択をすべて外す(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/map/town_picker.py" line="79"/>
        <source>Select these towns</source>
        <translation>この町字で選ぶ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/map/town_picker.py" line="114"/>
        <source>{towns:,} town(s) checked, {households:,} households</source>
        <translation>{towns:,}町字を選択（{households:,}世帯）</translation>
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
<context>
    <name>TownReachModel</name>
    <message>
        <location filename="../../src/wardapp/ui/pages/outreach_map.py" line="51"/>
        <source>Status</source>
        <extracomment>Unreached rows: a light red that black text reads on (and the status column says 未到達).</extracomment>
        <translation>状況</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/outreach_map.py" line="51"/>
        <source>Reached</source>
        <translation>到達</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/outreach_map.py" line="51"/>
        <source>Not reached</source>
        <translation>未到達</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/outreach_map.py" line="53"/>
        <source>Town</source>
        <translation>町字</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/outreach_map.py" line="54"/>
        <source>Aged 65+</source>
        <translation>65歳以上</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/outreach_map.py" line="55"/>
        <source>Sessions</source>
        <translation>教室（回）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/outreach_map.py" line="57"/>
        <source>Venues</source>
        <translation>会場</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/outreach_map.py" line="59"/>
        <source>Visits</source>
        <translation>訪問（回）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/outreach_map.py" line="61"/>
        <source>Participants</source>
        <translation>受講者</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/outreach_map.py" line="63"/>
        <source>Reached by</source>
        <translation>到達の理由</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/outreach_map.py" line="68"/>
        <source>Aged {age}+</source>
        <translation>{age}歳以上</translation>
    </message>
</context>
<context>
    <name>VisitListModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="67"/>
        <source>Date</source>
        <extracomment>A cancelled visit reads grey (and says 取消 in its status column, for black-and-white screens). A request nobody has looked at yet (受付): a light amber that black text reads on.</extracomment>
        <translation>日付</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="68"/>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="69"/>
        <source>Group</source>
        <translation>団体</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="70"/>
        <source>Topics</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="71"/>
        <source>Place</source>
        <translation>場所</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="72"/>
        <source>Adviser</source>
        <translation>アドバイザー</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="73"/>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="75"/>
        <source>Attended</source>
        <translation>参加者数（報告）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="75"/>
        <source>Expected</source>
        <translation>参加予定人数</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/visits.py" line="76"/>
        <source>Status</source>
        <translation>状態</translation>
    </message>
</context>
<context>
    <name>VisitsPage</name>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="177"/>
        <source>ICT advisers</source>
        <extracomment>Filter value meaning 「すべて」. A new snapshot is shown.</extracomment>
        <translation>アドバイザー派遣</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="197"/>
        <source>Requests and visits</source>
        <translation>依頼・派遣</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="198"/>
        <source>Advisers</source>
        <translation>アドバイザー</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="199"/>
        <source>Groups</source>
        <translation>団体</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="200"/>
        <source>Grants</source>
        <translation>助成</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="209"/>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="301"/>
        <source>All years</source>
        <translation>（すべての年度）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="210"/>
        <source>All statuses</source>
        <translation>（すべての状態）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="213"/>
        <source>All groups</source>
        <translation>（すべての団体）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="214"/>
        <source>All advisers</source>
        <translation>（すべてのアドバイザー）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="220"/>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="310"/>
        <source>&amp;Year:</source>
        <translation>年度(&amp;Y):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="220"/>
        <source>&amp;Status:</source>
        <translation>状態(&amp;S):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="221"/>
        <source>&amp;Group:</source>
        <translation>団体(&amp;G):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="221"/>
        <source>&amp;Adviser:</source>
        <translation>アドバイザー(&amp;A):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="229"/>
        <source>&amp;New request…</source>
        <translation>新しい依頼(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="230"/>
        <source>S&amp;chedule…</source>
        <translation>日程を決める(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="231"/>
        <source>Date, time, place and adviser</source>
        <translation>日時・場所・アドバイザーを決めます</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="232"/>
        <source>Change s&amp;tatus…</source>
        <translation>状態の変更(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="233"/>
        <source>Ca&amp;ncel visit…</source>
        <translation>取消(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="234"/>
        <source>Enter &amp;report…</source>
        <translation>報告を入力(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="235"/>
        <source>Con&amp;firmation letter…</source>
        <translation>派遣決定通知(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="236"/>
        <source>派遣決定通知 to the group (PDF)</source>
        <translation>団体あての派遣決定通知（PDF）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="237"/>
        <source>Report &amp;form…</source>
        <translation>訪問報告書(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="238"/>
        <source>訪問報告書 for the adviser to fill in by hand (PDF)</source>
        <translation>アドバイザーが手書きで記入する訪問報告書（PDF）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="278"/>
        <source>New &amp;adviser…</source>
        <translation>アドバイザーの追加(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="279"/>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="292"/>
        <source>&amp;Edit…</source>
        <translation>編集(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="291"/>
        <source>New &amp;group…</source>
        <translation>団体の追加(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="308"/>
        <source>&amp;Decide…</source>
        <translation>決定(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="314"/>
        <source>New a&amp;pplication…</source>
        <translation>申請の登録(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="354"/>
        <source>Follow-ups due by {date} ({n})</source>
        <translation>{date}までに期日の来たフォローアップ（{n}件）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="376"/>
        <source>{n} visit(s)</source>
        <translation>{n}件</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="389"/>
        <source>{n} application(s), {granted} granted</source>
        <translation>{n}件の申請、交付額 {granted}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="415"/>
        <source>Kind: {kind}</source>
        <translation>種類: {kind}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="417"/>
        <source>Representative: {name} {contact}</source>
        <translation>代表者: {name} {contact}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="419"/>
        <source>Status: {status}</source>
        <translation>状態: {status}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="421"/>
        <source>Reason: {reason}</source>
        <translation>理由: {reason}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="422"/>
        <source>Topics: {topics}</source>
        <translation>内容: {topics}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="424"/>
        <source>Preferred dates: {dates}</source>
        <translation>希望日: {dates}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="427"/>
        <source>Date: {date} {time}</source>
        <translation>日時: {date} {time}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="428"/>
        <source>Place: {place} ({delivery})</source>
        <translation>場所: {place}（{delivery}）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="430"/>
        <source>Adviser: {name}</source>
        <translation>アドバイザー: {name}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="432"/>
        <source>Expected: {n}</source>
        <translation>参加予定人数: {n}人</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="434"/>
        <source>Equipment: {what}</source>
        <translation>必要な機材: {what}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="437"/>
        <source>Report</source>
        <translation>【報告】</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="438"/>
        <source>Actual time: {start}–{end}</source>
        <translation>実際の時間: {start}–{end}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="440"/>
        <source>Attendees: {n}</source>
        <translation>参加者数: {n}人</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="441"/>
        <source>Done: {text}</source>
        <translation>実施内容: {text}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="443"/>
        <source>Outcome: {text}</source>
        <translation>成果: {text}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="446"/>
        <source>Follow-up: {text} {due}</source>
        <translation>フォローアップ: {text} {due}</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="481"/>
        <source>The request is received.</source>
        <translation>依頼を受け付けました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="490"/>
        <source>The visit is scheduled.</source>
        <translation>訪問の日程を決めました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="498"/>
        <source>The status is changed.</source>
        <translation>状態を変更しました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="506"/>
        <source>The visit is cancelled.</source>
        <translation>訪問を取り消しました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="514"/>
        <source>The report is saved.</source>
        <translation>報告を記録しました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="529"/>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="537"/>
        <source>The adviser is saved.</source>
        <translation>アドバイザーを保存しました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="544"/>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="552"/>
        <source>The group is saved.</source>
        <translation>団体を保存しました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="561"/>
        <source>The application is registered.</source>
        <translation>助成の申請を登録しました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="569"/>
        <source>The grant is decided.</source>
        <translation>助成を決定しました。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="593"/>
        <source>Document number:</source>
        <translation>文書番号:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="593"/>
        <source>Sent by:</source>
        <translation>発信者:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="594"/>
        <source>Contact (section, person):</source>
        <translation>問合せ先（課・担当）:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="594"/>
        <source>Contact phone:</source>
        <translation>問合せ先の電話:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="595"/>
        <source>What the group prepares:</source>
        <translation>ご準備いただくもの:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="595"/>
        <source>Note:</source>
        <translation>備考:</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="596"/>
        <source>Confirmation letter</source>
        <translation>派遣決定通知</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/pages/visits.py" line="624"/>
        <source>The visit is no longer there.</source>
        <translation>この派遣はもうありません。</translation>
    </message>
</context>
<context>
    <name>WaitingModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="127"/>
        <source>No.</source>
        <translation>順番</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="128"/>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="129"/>
        <source>Kana</source>
        <translation>フリガナ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="130"/>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="131"/>
        <source>Channel</source>
        <translation>申込方法</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_sessions.py" line="132"/>
        <source>Applied</source>
        <translation>申込日時</translation>
    </message>
</context>
<context>
    <name>WalkInDialog</name>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1494"/>
        <source>Walk-in</source>
        <extracomment>Step 1 has listed candidates (tests wait on it).</extracomment>
        <translation>当日参加</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1501"/>
        <source>Kana, e.g. やまだ</source>
        <translation>フリガナ（例: やまだ）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1504"/>
        <source>Phone (if they have one)</source>
        <translation>電話（あれば）</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1511"/>
        <source>Check in &amp;this person</source>
        <translation>この方を受け付ける(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1514"/>
        <source>&amp;New person →</source>
        <translation>新しい方として入力(&amp;N) →</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1518"/>
        <source>&amp;Kana:</source>
        <translation>フリガナ(&amp;K):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1519"/>
        <source>&amp;Phone:</source>
        <translation>電話(&amp;P):</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1520"/>
        <source>Step 1 of 2: is the person already registered?</source>
        <translation>手順 1/2: 登録済みの方か探します</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1537"/>
        <source>← &amp;Back</source>
        <translation>← 戻る(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1539"/>
        <source>Register and &amp;check in</source>
        <translation>登録して受け付ける(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1542"/>
        <source>Step 2 of 2: a new participant</source>
        <translation>手順 2/2: 新しい方の入力</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1585"/>
        <source>{n} registered participant(s) found. Same phone first.</source>
        <translation>登録済みの方が {n}人見つかりました（電話番号が同じ方が先頭）。</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/outreach_dialogs.py" line="1588"/>
        <source>Nobody with this kana is registered: enter a new person.</source>
        <translation>このフリガナの方は登録されていません。新しい方として入力してください。</translation>
    </message>
</context>
<context>
    <name>WelfareImportFlow</name>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="244"/>
        <source>Choose a welfare data file (CSV)</source>
        <translation>福祉データのファイル（CSV）を選ぶ</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="245"/>
        <source>Welfare data (*.csv *.txt);;All files (*)</source>
        <translation>福祉データ (*.csv *.txt);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="250"/>
        <source>Import welfare data</source>
        <translation>福祉データの取り込み</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="264"/>
        <source>Importing welfare data</source>
        <translation>福祉データの取り込み</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="265"/>
        <source>Reading {file}…</source>
        <translation>{file} を読み込んでいます…</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/data_import.py" line="268"/>
        <source>Welfare data imported</source>
        <translation>福祉データを取り込みました</translation>
    </message>
</context>
<context>
    <name>_PeopleModel</name>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_checkin.py" line="32"/>
        <source>✓ Present</source>
        <translation>✓ 出席</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_checkin.py" line="34"/>
        <source>Absent</source>
        <translation>欠席</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_checkin.py" line="39"/>
        <source>Waiting #{n}</source>
        <translation>待ち{n}番</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_checkin.py" line="44"/>
        <source>First time</source>
        <translation>初めて</translation>
    </message>
    <message>
        <location filename="../../src/wardapp/ui/models/outreach_checkin.py" line="45"/>
        <source>Visit {n}</source>
        <translation>{n}回目</translation>
    </message>
</context>
</TS>
