; Inno Setup 6 script of CCHC Desk for Windows: a per-user install (no administrator rights needed at a
; commune office) of the one-folder bundle dist\cchc\ that packaging/build.sh makes with PyInstaller.
;
;     iscc packaging\cchc.iss          ; → dist\CCHCDesk-Setup-<version>.exe
;
; Languages. Inno Setup 6 ships no Vietnamese.isl: the Vietnamese translation is one of the unofficial
; ones on jrsoftware.org, not installed with the compiler. Decision: when a Vietnamese.isl has been put
; in the compiler's Languages folder it is used; otherwise the wizard's standard texts are English and
; every text of our own ([CustomMessages] below: shortcuts, tasks, the data-folder note) is Vietnamese.
;
; The user's data (database, backups, logs) lives in %LOCALAPPDATA%\CCHCDesk (platformdirs), not in
; the program folder {localappdata}\Programs\CCHC Desk. The uninstaller deletes only what it installed,
; and there is deliberately no [UninstallDelete] entry for the data folder: uninstalling or upgrading
; never removes a commune's dossiers.

#define AppName "CCHC Desk"
#define AppVersion "0.1.0"
#define AppExe "cchc.exe"

[Setup]
AppId={{6E0C3B52-8A53-4C7E-9B1C-2D7F4A1C9E10}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=CCHC Desk
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} — Một cửa cấp xã
OutputDir=..\dist
OutputBaseFilename=CCHCDesk-Setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
CloseApplications=yes

[Languages]
#if FileExists(AddBackslash(CompilerPath) + "Languages\Vietnamese.isl")
Name: "vi"; MessagesFile: "compiler:Languages\Vietnamese.isl"
#else
Name: "en"; MessagesFile: "compiler:Default.isl"
#endif

[CustomMessages]
AppFullName=CCHC Desk — Một cửa cấp xã
DesktopIconTask=Tạo biểu tượng trên màn hình (Desktop)
AdditionalIcons=Biểu tượng bổ sung:
LaunchAfterInstall=Mở CCHC Desk ngay
UninstallShortcut=Gỡ cài đặt CCHC Desk
DataKeptNote=Dữ liệu hồ sơ, bản sao lưu và nhật ký nằm ở %LOCALAPPDATA%\CCHCDesk và được giữ nguyên khi gỡ cài đặt.

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIconTask}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\dist\cchc\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{cm:AppFullName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autoprograms}\{cm:UninstallShortcut}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{cm:AppFullName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchAfterInstall}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only files the program itself may leave inside its own folder; never {localappdata}\CCHCDesk.
Type: filesandordirs; Name: "{app}\__pycache__"

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(CustomMessage('DataKeptNote'), mbInformation, MB_OK);
end;
