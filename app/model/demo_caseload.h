// The fictional demo caseload: invented children and cases for trying Heard and for tests.
// No real names or case details, ever.
#pragma once

#include "storage/records.h"

#include <vector>

namespace heard::model {

struct DemoCaseload {
    std::vector<storage::Case> cases;
    std::vector<storage::Child> children;
};

// A handful of fictional children across a few cases, covering every caseload flag.
DemoCaseload demoCaseload();
// count fictional children (for benchmarks), in cases of two or three siblings.
DemoCaseload syntheticCaseload(int count);

// The demo store's passphrase and practitioner, shown on the unlock screen in demo mode.
constexpr const char* kDemoPassphrase = "demo kitchen table 2026";
constexpr const char* kDemoPractitioner = "Sam Demo-Practitioner";

} // namespace heard::model
