/*
 * Test-only stand-in for bcryptprimitives.dll's ProcessPrng, which Wine 8
 * lacks and Rust's standard library calls on Windows 10 and later. It fills
 * the buffer from RtlGenRandom (advapi32's SystemFunction036). Real Windows
 * has the DLL: this file is built and placed beside sipas.exe by
 * tests/windows/wine-check only, never put in the package.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
