#include "app/model/demo_caseload.h"

#include <string>

namespace heard::model {

DemoCaseload demoCaseload() {
    DemoCaseload demo;
    demo.cases = {
        {"case-demo-1",
         "DEMO/0001",
         "Applebridge (fictional)",
         {{"court", "Fictional Family Court"}},
         false,
         ""},
        {"case-demo-2",
         "DEMO/0002",
         "Brookfield (fictional)",
         {{"court", "Fictional Family Court"}},
         false,
         ""},
        {"case-demo-3",
         "DEMO/0003",
         "Cedarwick (fictional)",
         {{"court", "Fictional Family Court"}},
         false,
         ""},
    };
    demo.children = {
        {"child-demo-1",
         "case-demo-1",
         "Poppy Applebridge",
         "2017-03-14",
         {{"address", "1 Imaginary Lane, Nowhere Town"},
          {"addressConfidential", false},
          {"school", "Fictional Primary"},
          {"carers", "Mother (fictional)"},
          {"preferredLanguage", "en"}}},
        {"child-demo-2",
         "case-demo-1",
         "Finn Applebridge",
         "2020-08-02",
         {{"address", "1 Imaginary Lane, Nowhere Town"},
          {"addressConfidential", false},
          {"carers", "Mother (fictional)"},
          {"preferredLanguage", "en"}}},
        {"child-demo-3",
         "case-demo-2",
         "Ifan Brookfield",
         "2013-11-30",
         {{"address", "Withheld for safety"},
          {"addressConfidential", true},
          {"childProtectionPlan", true},
          {"carers", "Grandmother (fictional)"},
          {"preferredLanguage", "cy"}}},
        {"child-demo-4",
         "case-demo-3",
         "Zara Cedarwick",
         "2010-05-21",
         {{"address", "22 Pretend Road, Make-Believe City"},
          {"addressConfidential", false},
          {"interpreterLanguage", "Polish"},
          {"carers", "Father (fictional)"},
          {"preferredLanguage", "en"}}},
    };
    return demo;
}

DemoCaseload syntheticCaseload(int count) {
    static const char* const kFirst[] = {"Alex", "Bea",  "Cai",  "Dara", "Eli",
                                         "Fern", "Gwen", "Hari", "Isla", "Jac"};
    static const char* const kLast[] = {"Ashgrove", "Birchley", "Copperfield", "Dunmore", "Elmstead"};
    DemoCaseload demo;
    for (int i = 0; i < count; ++i) {
        const int caseIndex = i / 3;
        if (i % 3 == 0) {
            const std::string id = "case-syn-" + std::to_string(caseIndex);
            demo.cases.push_back({id, "SYN/" + std::to_string(10000 + caseIndex),
                                  "Synthetic " + std::to_string(caseIndex), nlohmann::json::object(), false,
                                  ""});
        }
        storage::Child child;
        child.id = "child-syn-" + std::to_string(i);
        child.caseId = "case-syn-" + std::to_string(caseIndex);
        child.displayName = std::string(kFirst[i % 10]) + " " + kLast[(i / 10) % 5] + " " + std::to_string(i);
        child.dateOfBirth =
            std::to_string(2008 + i % 14) + "-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 9);
        child.details = {{"addressConfidential", i % 7 == 0},
                         {"childProtectionPlan", i % 5 == 0},
                         {"interpreterLanguage", i % 11 == 0 ? "Arabic" : ""}};
        demo.children.push_back(std::move(child));
    }
    return demo;
}

} // namespace heard::model
