; Inno Setup script of CCHC Desk for Windows: a per-user install (no administrator rights) of the
; PyInstaller one-folder bundle dist\cchc\ (packaging/cchc.spec). Build and review: docs/installer.md.
;
;     iscc packaging\cchc.iss                    ; version read from cchc_desktop\__init__.py
;     iscc /DAppVersion=0.1.0 packaging\cchc.iss ; version given by the build step instead
;     iscc /DRequireVietnamese packaging\cchc.iss ; release build: fail unless Vietnamese.isl is found
;
; Output: dist\CCHCDesk-Setup-<version>.exe. Relative paths below are relative to this folder
; (packaging\), the default source directory.
;
; Data: the app keeps its database, backups and logs in %LOCALAPPDATA%\CCHCDesk (platformdirs
; user_data_dir(APP_DIR_NAME, appauthor=False); logs in its Logs subfolder), never in {app}. Nothing
; here deletes that folder: no [UninstallDelete] or [InstallDelete] entry points at it, so neither
; uninstalling nor upgrading removes a commune's dossiers.

; x64compatible and UTF-8 scripts without a BOM both need 6.3.
#if Ver < EncodeVer(6, 3, 0)
  #error Inno Setup 6.3 or newer is required to compile this script
#endif

#define AppName "CCHC Desk"
#define AppExe "cchc.exe"

; Reads NAME = "value" (a line starting at column 1) from a Python source file, so that the version
; and the data folder name have one source: the app's own code.
#define PyFile
#define PyName
#define PyValue
#define PyHandle
#define PyLine

#sub ReadPyLine
  #define PyLine Str(FileRead(PyHandle))
  #if Pos(PyName + " = ", PyLine) == 1
    #define PyValue Copy(PyLine, Pos('"', PyLine) + 1, RPos('"', PyLine) - Pos('"', PyLine) - 1)
  #endif
#endsub

#sub DoReadPyConstant
  #define PyValue ""
  #for {PyHandle = FileOpen(PyFile); PyHandle && PyValue == "" && !FileEof(PyHandle); ""} ReadPyLine
  #if PyHandle
    #expr FileClose(PyHandle)
  #endif
  #if PyValue == ""
    #expr Error("Cannot read " + PyName + " from " + PyFile)
  #endif
#endsub

#define ReadPyConstant(str FileName, str Name) \
  PyFile = FileName, PyName = Name, DoReadPyConstant, PyValue

#ifndef AppVersion
  #define AppVersion ReadPyConstant(AddBackslash(SourcePath) + "..\cchc_desktop\__init__.py", "__version__")
#endif
#define DataDirName ReadPyConstant(AddBackslash(SourcePath) + "..\cchc_desktop\core\paths.py", "APP_DIR_NAME")

#if !FileExists(AddBackslash(SourcePath) + "..\dist\cchc\" + AppExe)
  #error dist\cchc\cchc.exe not found: build the Windows bundle first (docs/installer.md)
#endif

; The wizard's own texts: Vietnamese.isl is an unofficial translation, not installed with Inno Setup.
#if FileExists(AddBackslash(CompilerPath) + "Languages\Vietnamese.isl")
  #define VietnameseIsl "compiler:Languages\Vietnamese.isl"
#elif FileExists(AddBackslash(SourcePath) + "Vietnamese.isl")
  #define VietnameseIsl "Vietnamese.isl"
#elif Defined(RequireVietnamese)
  #error Vietnamese.isl not found in the compiler's Languages folder nor next to this script
#else
  #pragma warning "Vietnamese.isl not found: the wizard's standard texts will be in English"
#endif

[Setup]
; Never change AppId: upgrades find the installed copy by it.
AppId={{6E0C3B52-8A53-4C7E-9B1C-2D7F4A1C9E10}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
VersionInfoDescription=Bộ cài đặt {#AppName}
PrivilegesRequired=lowest
; In non-administrative mode {autopf} is {userpf}, i.e. %LOCALAPPDATA%\Programs.
DefaultDirName={autopf}\{#AppName}
DisableDirPage=yes
AlwaysShowDirOnReadyPage=yes
DisableProgramGroupPage=yes
UninstallDisplayName={cm:AppFullName}
UninstallDisplayIcon={app}\{#AppExe}
; Qt 6 supports Windows 10 1809 and later only.
MinVersion=10.0.17763
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; The app holds a QLockFile, not a named mutex, so AppMutex cannot detect it; the Restart Manager
; finds the running cchc.exe instead. The app does not register for restart: [Run] starts it again.
CloseApplications=yes
RestartApplications=no
OutputDir=..\dist
OutputBaseFilename=CCHCDesk-Setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
#ifdef VietnameseIsl
Name: "vi"; MessagesFile: "{#VietnameseIsl}"
#else
Name: "en"; MessagesFile: "compiler:Default.isl"
#endif

[CustomMessages]
AppFullName=CCHC Desk — Một cửa cấp xã
AppComment=Tiếp nhận, theo dõi hạn giải quyết và trả kết quả hồ sơ tại bộ phận Một cửa
IconsGroup=Biểu tượng bổ sung:
DesktopIconTask=Tạo biểu tượng CCHC Desk trên &màn hình nền (Desktop)
LaunchAfterInstall=Mở CCHC Desk ngay bây giờ
DataKeptNote=Dữ liệu hồ sơ, các bản sao lưu và nhật ký của chương trình không bị xóa, vẫn nằm nguyên trong thư mục:
DataKeptReinstall=Khi cài đặt lại CCHC Desk, chương trình sẽ tiếp tục dùng dữ liệu này.

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIconTask}"; GroupDescription: "{cm:IconsGroup}"; Flags: unchecked

[InstallDelete]
; A new version replaces the whole bundle: no DLL or module of the previous version stays behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\dist\cchc\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{cm:AppFullName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\{cm:AppFullName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchAfterInstall}"; Flags: nowait postinstall skipifsilent

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(CustomMessage('DataKeptNote') + #13#10#13#10 +
      ExpandConstant('{localappdata}\{#DataDirName}') + #13#10#13#10 +
      CustomMessage('DataKeptReinstall'), mbInformation, MB_OK);
end;
