// Default options of the sanitizer runtimes for every executable of the sanitizer build (the
// native tests and the fuzzer), compiled in so that ctest, gtest's test discovery at build
// time and a hand-run binary all behave the same without environment variables. Options
// given in ASAN_OPTIONS / UBSAN_OPTIONS / LSAN_OPTIONS still override these.
//
// ASan and LeakSanitizer run with all their defaults: with Debian's libtorch 1.13.1 they need
// no suppression (no ODR violation at load, no leak at exit). Should another libtorch need
// one, add it here as __lsan_default_suppressions / __asan_default_options, matched on the
// libtorch frames only and with a comment saying why; the shim's own code keeps every check.

extern "C" {

// Stop at the first undefined behaviour with a stack, so ctest and the fuzzer fail on it.
const char* __ubsan_default_options() { return "print_stacktrace=1:halt_on_error=1"; }

}  // extern "C"
