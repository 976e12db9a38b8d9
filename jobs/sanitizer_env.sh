# Sourced by jobs/run_sanitizers.sh and jobs/run_fuzz.sh: the clang-14
# sanitizer build's configure flags and runtime options, in one place.
# -O1 -g without NDEBUG: asserts stay on, stacks stay readable.
FFBATCH_SANITIZER_CMAKE_FLAGS=(-G Ninja -DCMAKE_BUILD_TYPE=Debug
  "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g" "-DCMAKE_C_FLAGS_DEBUG=-O1 -g"
  -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_C_COMPILER=clang-14
  -DFFBATCH_SANITIZE=address,undefined)
# The build already makes every UBSan report fatal (-fno-sanitize-recover=all);
# these make every ASan/LSan report fatal too and give symbolized stacks.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:strict_string_checks=1:check_initialization_order=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export ASAN_SYMBOLIZER_PATH="${ASAN_SYMBOLIZER_PATH:-$(command -v llvm-symbolizer-14 || true)}"

# Runs "$@", prints its wall time as "time: NAME Ns" on stderr and returns
# its status (also when called from an `||` list, where set -e is off).
ffb_step() {
  local name=$1 t0=$SECONDS rc=0
  shift
  "$@" || rc=$?
  echo "time: $name $((SECONDS - t0))s" >&2
  return "$rc"
}
