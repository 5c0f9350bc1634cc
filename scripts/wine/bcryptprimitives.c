/* A stand-in for Windows' bcryptprimitives.dll, for running the core's tests under Wine only.
 *
 * Rust's standard library for Windows gets its random bytes from ProcessPrng in
 * bcryptprimitives.dll, which Wine 8 (Debian 12) does not have: without this stub every test
 * program stops at start with "DLL not found". It is never shipped with the app. */
#include <windows.h>
#include <ntsecapi.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    return RtlGenRandom(data, (ULONG)len);
}
