; Inno Setup script: the per-user installer of wardapp (installer/build.md).
;
;   iscc /DAppVersion=0.1.0 installer\wardapp.iss
;
; Packs the PyInstaller one-folder build (dist\wardapp, from installer\wardapp.spec) into
; Output\wardapp-setup-<version>.exe.  The installer:
;   * needs no administrator rights (PrivilegesRequired=lowest) and installs for the signed-in
;     Windows user only, into %LOCALAPPDATA%\Programs\wardapp;
;   * never uses the network (no downloads, no update check: everything is in dist\wardapp);
;   * adds a start-menu entry (and, if chosen, a desktop icon);
;   * on uninstall removes the program folder only.  The data — the store, its key file, backups,
;     preferences — lives in %LOCALAPPDATA%\wardapp (a different folder) and is kept: deleting
;     a ward's registry data is a decision for people, not for an uninstaller.
;
; The site configuration (wardapp-site.toml, encrypt_new_store = true) is part of dist\wardapp
; and so lands beside wardapp.exe; a ward that changes it edits installer\wardapp-site.toml
; before building (docs/installer.md).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "wardapp"
#define DistDir "..\dist\wardapp"

[Setup]
; A fixed AppId: upgrades replace the same installation (do not change it between versions).
AppId={{6F0D5C2E-8E3B-4F7A-9C51-2B7E0A4D9E13}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=wardapp
; Per-user, no elevation: ward PCs give staff no administrator rights.
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\{#AppName}
DisableDirPage=yes
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
OutputDir=Output
OutputBaseFilename=wardapp-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
WizardStyle=modern
ShowLanguageDialog=no
UninstallDisplayIcon={app}\wardapp.exe
UninstallDisplayName={#AppName}
; The program must not be running while it is replaced (the store stays where it is).
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"

[Tasks]
Name: "desktopicon"; Description: "デスクトップにアイコンを作る"; GroupDescription: "アイコン:"; Flags: unchecked

[Files]
; The whole one-folder build, including wardapp-site.toml and resources\.
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade starts from a clean program folder (old modules must not linger); data is elsewhere.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{userprograms}\{#AppName}"; Filename: "{app}\wardapp.exe"; WorkingDir: "{app}"; Comment: "区役所向け 被災者支援・デジタルデバイド対策"
Name: "{userprograms}\{#AppName} デモ（架空区）"; Filename: "{app}\wardapp.exe"; Parameters: "demo"; WorkingDir: "{app}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\wardapp.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\wardapp.exe"; Description: "wardapp を起動する（初回は管理者の作成）"; Flags: nowait postinstall skipifsilent unchecked

[UninstallDelete]
; Only what the program folder may have gained at run time (compiled caches).  Never the data
; folder {localappdata}\wardapp.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"
