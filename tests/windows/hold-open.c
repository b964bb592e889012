/* Holds a file open as Excel does (others may read it, none may write or
 * delete it): hold-open FILE READY STOP opens FILE, creates READY, and
 * keeps FILE open until STOP exists (a minute at most). Built with mingw
 * for the Wine check of the report's "close the file" sentence:
 *   x86_64-w64-mingw32-gcc -municode -o hold-open.exe hold-open.c */
#include <windows.h>

int wmain(int argc, wchar_t **argv) {
    if (argc != 4) return 2;
    HANDLE held = CreateFileW(argv[1], GENERIC_READ, FILE_SHARE_READ, NULL,
                              OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (held == INVALID_HANDLE_VALUE) return 1;
    HANDLE ready = CreateFileW(argv[2], GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                               FILE_ATTRIBUTE_NORMAL, NULL);
    if (ready != INVALID_HANDLE_VALUE) CloseHandle(ready);
    for (int i = 0; i < 600; i++) {
        if (GetFileAttributesW(argv[3]) != INVALID_FILE_ATTRIBUTES) break;
        Sleep(100);
    }
    CloseHandle(held);
    return 0;
}
