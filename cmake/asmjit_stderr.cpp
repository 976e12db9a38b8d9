// Debian ships asmjit only as libasmjit.a, built without -fPIC: its one
// reference to glibc's `stderr` (asmjit::DebugUtils::debugOutput) is a
// PC-relative load that ld refuses in a shared object. The shared libffbatch
// links a copy of the archive with that symbol renamed to this hidden pointer
// (cmake/ffbatch_package.cmake), which holds the same FILE*.
#include <cstdio>

extern "C" {
__attribute__((visibility("hidden"))) FILE* ffbatch_asmjit_stderr = stderr;
}
