// sync.load at full size (issue 19.6): 200 devices each pushing 50 records at once, on SQLite, on
// PostgreSQL, and on two heard-server instances sharing one PostgreSQL database with each
// device's requests alternating between them. The load itself is the sync.load test
// (tests/sync/load_test.cpp: every record stored exactly once, no request failing, checked
// there); ctest runs it with 20 devices so scripts/test.sh stays short, and this group runs the
// same binary at 200 (HEARD_LOAD_DEVICES) and prints its figures as "name value unit":
//   sync.load.<backend>_records_per_s, _p50_ms, _p99_ms, _max_ms, _requests, _retries
//   sync.load.postgres_two_vs_one_ratio   records/s of two instances over one (same run)
//   sync.load.failed                      1 if the test found a record lost, duplicated or a
//                                         request failed (its output goes to stderr)
// --quick skips it: the ctest sync.load runs the same code every time.
#include "bench/bench.h"

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <sys/wait.h>

namespace {

using heard::bench::report;

// "sync.load.NAME instances 1 devices 200 ... records_per_s X p50_ms Y ..." -> one figure each.
void reportLine(const std::string& line) {
    std::istringstream in(line);
    std::string name;
    in >> name;
    if (name == "sync.load.postgres_two_vs_one_ratio") {
        double ratio = 0;
        in >> ratio;
        report(name, ratio, "x (records/s, two instances / one)");
        return;
    }
    std::string key;
    double value = 0;
    while (in >> key >> value) {
        if (key == "records_per_s")
            report(name + "_records_per_s", value, "records/s");
        else if (key == "p50_ms" || key == "p99_ms" || key == "max_ms")
            report(name + "_" + key, value, "ms");
        else if (key == "requests" || key == "retries" || key == "devices")
            report(name + "_" + key, value, key == "devices" ? "devices" : "requests");
    }
}

void syncLoad(const heard::bench::Options& options) {
#ifndef HEARD_SYNC_LOAD_EXE
    (void)options;
    std::fprintf(stderr, "heard-bench sync.load: built without the sync.load test binary\n");
    report("sync.load.failed", 1, "flag");
#else
    if (options.quick) return; // the ctest sync.load runs the same code, smaller
    // The test binary prints its figure lines on stdout; doctest's own summary is skipped.
    const std::string command = "HEARD_LOAD_DEVICES=200 '" + std::string(HEARD_SYNC_LOAD_EXE) + "' 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) {
        report("sync.load.failed", 1, "flag");
        return;
    }
    std::string output, line;
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe)) {
        output += buffer;
        line += buffer;
        if (line.back() != '\n') continue;
        line.pop_back();
        if (line.rfind("sync.load.", 0) == 0 && line.find(" retried: ") == std::string::npos)
            reportLine(line);
        line.clear();
    }
    const int status = pclose(pipe);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "%s", output.c_str()); // what failed, in the test's words
        report("sync.load.failed", 1, "flag");
    }
#endif
}

} // namespace

HEARD_BENCH_GROUP("sync.load", syncLoad);
