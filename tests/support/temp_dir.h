// A temporary folder for a test: made fresh under the system's temporary directory and removed,
// with everything in it, when the TempDir goes out of scope.
#pragma once

#include <string>

namespace heard::test {

class TempDir {
public:
    // Makes <temp>/<prefix>-XXXXXX; throws std::runtime_error when it cannot.
    explicit TempDir(const std::string& prefix = "heard-test");
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::string& path() const { return m_path; }
    std::string file(const std::string& name) const { return m_path + "/" + name; }

private:
    std::string m_path;
};

} // namespace heard::test
