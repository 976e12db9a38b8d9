# The installed package (README "Installing"): libffbatch.so.<major> and
# libffbatch.a, both made of the objects of ffkernels < ffengine < ffio <
# ffapi; bin/ffbatch; the public headers under include/ffbatch/; a CMake
# package (ffbatch::ffbatch) and lib/pkgconfig/ffbatch.pc, both relocatable.
# Paths are fixed to lib/ and include/ (not GNUInstallDirs' multiarch libdir)
# so the layout is the same under every prefix.
include(CMakePackageConfigHelpers)

set(FFBATCH_LIB_PARTS ffkernels ffengine ffio ffapi)
# One set of objects serves the binary, the static and the shared library, so
# every part is -fPIC. -fno-semantic-interposition keeps GCC inlining and
# calling the library's own functions directly, as it does for -fPIE.
set_target_properties(${FFBATCH_LIB_PARTS} PROPERTIES POSITION_INDEPENDENT_CODE ON)
foreach(part IN LISTS FFBATCH_LIB_PARTS)
  target_compile_options(${part} PRIVATE $<$<CXX_COMPILER_ID:GNU>:-fno-semantic-interposition>)
endforeach()
set(FFBATCH_LIB_OBJECTS $<TARGET_OBJECTS:ffkernels> $<TARGET_OBJECTS:ffengine>
    $<TARGET_OBJECTS:ffio> $<TARGET_OBJECTS:ffapi>)
# What the library's objects link against; private to the library (the
# public headers include none of them).
set(FFBATCH_LIB_DEPS hwy::hwy simdjson::simdjson TBB::tbb fmt::fmt asmjit::asmjit
    PkgConfig::XXHASH PkgConfig::LIBELF PkgConfig::LIBZ PkgConfig::LIBZSTD)

# Debian's libasmjit.a is not -fPIC in one place (cmake/asmjit_stderr.cpp):
# the shared library links a copy with `stderr` renamed.
get_target_property(FFBATCH_ASMJIT_ARCHIVE asmjit::asmjit LOCATION)
set(FFBATCH_ASMJIT_SHARED_ARCHIVE ${PROJECT_BINARY_DIR}/package/libasmjit_for_shared.a)
add_custom_command(OUTPUT ${FFBATCH_ASMJIT_SHARED_ARCHIVE}
  COMMAND ${CMAKE_OBJCOPY} --redefine-sym stderr=ffbatch_asmjit_stderr
          ${FFBATCH_ASMJIT_ARCHIVE} ${FFBATCH_ASMJIT_SHARED_ARCHIVE}
  DEPENDS ${FFBATCH_ASMJIT_ARCHIVE} VERBATIM)
add_custom_target(ffbatch_asmjit_for_shared DEPENDS ${FFBATCH_ASMJIT_SHARED_ARCHIVE})
list(REMOVE_ITEM FFBATCH_LIB_DEPS asmjit::asmjit)

add_library(ffbatch_shared SHARED ${FFBATCH_LIB_OBJECTS} ${PROJECT_SOURCE_DIR}/cmake/asmjit_stderr.cpp)
set_target_properties(ffbatch_shared PROPERTIES OUTPUT_NAME ffbatch
  VERSION ${PROJECT_VERSION} SOVERSION ${PROJECT_VERSION_MAJOR})
add_dependencies(ffbatch_shared ffbatch_asmjit_for_shared)
# The static archives' symbols (asmjit's) stay inside the library
# (--exclude-libs), so a consumer's own asmjit cannot clash with them.
target_link_libraries(ffbatch_shared PRIVATE ${FFBATCH_LIB_DEPS} ${FFBATCH_ASMJIT_SHARED_ARCHIVE})
target_link_options(ffbatch_shared PRIVATE -Wl,--exclude-libs,ALL)
# Every symbol resolved at link time, except in sanitizer and fuzz builds,
# whose runtimes (clang's) a shared object leaves to the executable.
if(NOT FFBATCH_SANITIZE AND NOT FFBATCH_FUZZ)
  target_link_options(ffbatch_shared PRIVATE -Wl,--no-undefined)
endif()

add_library(ffbatch_static STATIC ${FFBATCH_LIB_OBJECTS})
set_target_properties(ffbatch_static PROPERTIES OUTPUT_NAME ffbatch)

# The public headers: engine/api/batch.h and what it includes, nothing of
# simdjson, TBB, asmjit or the engine's tables (tests/install checks the set
# is closed and includes only standard headers).
set(FFBATCH_PUBLIC_HEADERS engine/api/batch.h engine/pipeline/run_stats.h
    engine/core/spec_types.h engine/core/timed_stage.h engine/core/run_error.h)
foreach(header IN LISTS FFBATCH_PUBLIC_HEADERS)
  get_filename_component(dir ${header} DIRECTORY)
  install(FILES ${PROJECT_SOURCE_DIR}/${header} DESTINATION include/ffbatch/${dir})
endforeach()

install(TARGETS ffbatch RUNTIME DESTINATION bin)
install(TARGETS ffbatch_shared ffbatch_static LIBRARY DESTINATION lib ARCHIVE DESTINATION lib)

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/ffbatchConfig.cmake.in
  ${PROJECT_BINARY_DIR}/package/ffbatchConfig.cmake INSTALL_DESTINATION lib/cmake/ffbatch)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/package/ffbatchConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/package/ffbatchConfig.cmake
  ${PROJECT_BINARY_DIR}/package/ffbatchConfigVersion.cmake DESTINATION lib/cmake/ffbatch)
foreach(pc ffbatch ffbatch-static)
  configure_file(${PROJECT_SOURCE_DIR}/cmake/${pc}.pc.in ${PROJECT_BINARY_DIR}/package/${pc}.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/package/${pc}.pc DESTINATION lib/pkgconfig)
endforeach()
