// The target that builds the test suites' precompiled header (tests/CMakeLists.txt,
// heard_test_pch); every suite reuses it. It has no code of its own.
namespace heard::test {
int pchHost() {
    return 0;
}
} // namespace heard::test
