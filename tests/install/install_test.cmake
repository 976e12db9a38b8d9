# ctest install_test: the installed package as a downstream user sees it.
#   cmake -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK=... -DCXX=... -DGENERATOR=... -P install_test.cmake
# Installs the already-built tree into WORK/prefix, checks the layout, the
# SONAME and the header set, then builds tests/install/consumer against it
# with find_package and with pkg-config (shared and static each), runs each on a
# two-line corpus, and compares its counts and results.jsonl with the
# installed bin/ffbatch's.
cmake_minimum_required(VERSION 3.25)

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    list(JOIN ARGN " " cmd)
    message(FATAL_ERROR "failed (${rc}): ${cmd}\n${out}\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()

set(P ${WORK}/prefix)
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${P})

# The layout, exactly.
file(GLOB_RECURSE installed LIST_DIRECTORIES false RELATIVE ${P} ${P}/*)
list(SORT installed)
set(expected
    bin/ffbatch
    include/ffbatch/engine/api/batch.h
    include/ffbatch/engine/core/run_error.h
    include/ffbatch/engine/core/spec_types.h
    include/ffbatch/engine/core/timed_stage.h
    include/ffbatch/engine/pipeline/run_stats.h
    lib/cmake/ffbatch/ffbatchConfig.cmake
    lib/cmake/ffbatch/ffbatchConfigVersion.cmake
    lib/libffbatch.a
    lib/libffbatch.so
    lib/libffbatch.so.${VERSION_MAJOR}
    lib/libffbatch.so.${VERSION}
    lib/pkgconfig/ffbatch-static.pc
    lib/pkgconfig/ffbatch.pc)
if(NOT installed STREQUAL expected)
  message(FATAL_ERROR "installed files:\n  ${installed}\nexpected:\n  ${expected}")
endif()
if(NOT IS_SYMLINK ${P}/lib/libffbatch.so OR NOT IS_SYMLINK ${P}/lib/libffbatch.so.${VERSION_MAJOR})
  message(FATAL_ERROR "libffbatch.so and libffbatch.so.${VERSION_MAJOR} must be symlinks")
endif()

# SONAME: the major version only.
run(readelf -d ${P}/lib/libffbatch.so.${VERSION})
if(NOT out MATCHES "\\(SONAME\\)[^\n]*\\[libffbatch\\.so\\.${VERSION_MAJOR}\\]")
  message(FATAL_ERROR "no SONAME libffbatch.so.${VERSION_MAJOR}:\n${out}")
endif()

# The headers are closed under their own quoted includes, and the only
# angle-bracket includes are standard C++ headers (no '.' or '/': nothing of
# simdjson, TBB, asmjit, fmt, Highway, libelf).
file(GLOB_RECURSE headers RELATIVE ${P}/include/ffbatch ${P}/include/ffbatch/*)
foreach(header IN LISTS headers)
  file(STRINGS ${P}/include/ffbatch/${header} lines REGEX "^#include")
  foreach(line IN LISTS lines)
    if(line MATCHES "^#include \"([^\"]+)\"")
      if(NOT EXISTS ${P}/include/ffbatch/${CMAKE_MATCH_1})
        message(FATAL_ERROR "${header} includes ${CMAKE_MATCH_1}, which is not installed")
      endif()
    elseif(NOT line MATCHES "^#include <[a-z_]+>")
      message(FATAL_ERROR "${header}: '${line}' is not a standard header")
    endif()
  endforeach()
endforeach()

# The corpus: one spec that passes its 4 tests, one line that is not JSON.
# (Bytes, not file(STRINGS): a JSON line's ';' and '[' mean lists to CMake.)
file(READ ${SOURCE_DIR}/datasets/examples/examples.jsonl examples)
string(FIND "${examples}" "\n" eol)
math(EXPR eol "${eol} + 1")
string(SUBSTRING "${examples}" 0 ${eol} first)
file(WRITE ${WORK}/two.jsonl "${first}{\"word\":\n")
set(counts "lines_in=2 records_out=2 rejects_out=1 ok=1 rejected=1 tests=4/4\n")
# Exit 65: not every spec is ok.
execute_process(COMMAND ${P}/bin/ffbatch ${WORK}/two.jsonl -o ${WORK}/out_cli -q RESULT_VARIABLE rc)
if(NOT rc EQUAL 65)
  message(FATAL_ERROR "bin/ffbatch exited ${rc}, expected 65")
endif()
file(READ ${WORK}/out_cli/results.jsonl cli_results)

function(check_consumer name)
  run(${ARGN} ${WORK}/two.jsonl ${WORK}/out_${name})
  if(NOT out STREQUAL counts)
    message(FATAL_ERROR "${name} printed '${out}', expected '${counts}'")
  endif()
  file(READ ${WORK}/out_${name}/results.jsonl results)
  if(NOT results STREQUAL cli_results)
    message(FATAL_ERROR "${name}: results.jsonl differs from bin/ffbatch's")
  endif()
endfunction()

# find_package, shared then static.
foreach(kind shared static)
  if(kind STREQUAL "static")
    set(static ON)
  else()
    set(static OFF)
  endif()
  run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/install/consumer -B ${WORK}/consumer_${kind}
      -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_BUILD_TYPE=Release
      -DCMAKE_PREFIX_PATH=${P} -DFFBATCH_STATIC=${static} -DEXPECT_INCLUDE=${P}/include/ffbatch)
  run(${CMAKE_COMMAND} --build ${WORK}/consumer_${kind})
  check_consumer(cmake_${kind} ${WORK}/consumer_${kind}/consumer)
endforeach()
run(readelf -d ${WORK}/consumer_shared/consumer)
if(NOT out MATCHES "\\(NEEDED\\)[^\n]*\\[libffbatch\\.so\\.${VERSION_MAJOR}\\]")
  message(FATAL_ERROR "the shared consumer does not need libffbatch.so.${VERSION_MAJOR}:\n${out}")
endif()
run(readelf -d ${WORK}/consumer_static/consumer)
if(out MATCHES "libffbatch")
  message(FATAL_ERROR "the static consumer needs libffbatch at run time:\n${out}")
endif()

# pkg-config, as a Makefile user would.
set(ENV{PKG_CONFIG_PATH} ${P}/lib/pkgconfig)
run(pkg-config --modversion ffbatch)
if(NOT out STREQUAL "${VERSION}\n")
  message(FATAL_ERROR "pkg-config --modversion ffbatch: '${out}'")
endif()
run(pkg-config --cflags --libs ffbatch)
string(STRIP "${out}" flags)
separate_arguments(flags UNIX_COMMAND "${flags}")
run(${CXX} -std=c++20 ${SOURCE_DIR}/tests/install/consumer/main.cpp ${flags}
    -o ${WORK}/consumer_pkgconfig)
set(ENV{LD_LIBRARY_PATH} ${P}/lib)
check_consumer(pkgconfig ${WORK}/consumer_pkgconfig)

# pkg-config, static: the binary does not need libffbatch at run time.
run(pkg-config --cflags --libs ffbatch-static)
string(STRIP "${out}" flags)
separate_arguments(flags UNIX_COMMAND "${flags}")
run(${CXX} -std=c++20 ${SOURCE_DIR}/tests/install/consumer/main.cpp ${flags}
    -o ${WORK}/consumer_pkgconfig_static)
run(readelf -d ${WORK}/consumer_pkgconfig_static)
if(out MATCHES "libffbatch")
  message(FATAL_ERROR "the ffbatch-static consumer needs libffbatch at run time:\n${out}")
endif()
check_consumer(pkgconfig_static ${WORK}/consumer_pkgconfig_static)
