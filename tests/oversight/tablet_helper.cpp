// oversight_tablet: a practitioner's tablet for the console's browser test (console_test.py),
// made of the real device store and the real sync client over HTTPS. It reads one command a line
// on stdin and answers one line each on stdout (so the Python test can drive it):
//   recovery-key                           -> the hex public key of a fresh organisation key pair
//   enrol <user> <password to the end of the line> -> ok | failed <message>
//   alert <case> <child> <words...>        -> the safety alert's record id, signed and pushed
//   concern <case> <child> <referral ISO>  -> a telephone referral's concern, signed and pushed
//   visit <case> <child>                   -> a signed visit, pushed
//   skinmap <case> <child>                 -> a signed skin map (the demo marks), pushed
//   analysis <case> <child> <words...>     -> "<analysis id> <activity id>": a visit, the child's
//                                             three wishes (first wish: the words), and a conflict
//                                             analysis citing that wish, all signed and pushed
//   pull                                   -> notes <json array of the child's page's managers' notes>
// Usage: oversight_tablet <data dir> <port> <ca.pem>
#include "app/tools/framework/model/activity_result.h"
#include "app/tools/parental_conflict/model/conflict_analysis.h"
#include "app/tools/skin_map/model/skin_map_demo.h"
#include "app/tools/skin_map/model/skin_map_json.h"
#include "base/hex.h"
#include "base/iso_time.h"
#include "storage/keys.h"
#include "storage/record_kinds.h"
#include "storage/store.h"
#include "sync/sync_client.h"

#include <fstream>
#include <iostream>
#include <sstream>

using namespace heard;

namespace {
std::string signRecord(storage::Store& store, const std::string& caseId, const std::string& childId,
                       const char* kind, nlohmann::json payload, bool highRisk,
                       const std::string& parentId = {}) {
    storage::NewRecord draft;
    draft.parentId = parentId;
    draft.caseId = caseId;
    draft.childId = childId;
    draft.kind = kind;
    draft.author = "pr-ada";
    draft.highRisk = highRisk;
    draft.payload = std::move(payload);
    const auto record = store.createDraft(draft);
    store.sign(record.id, "pr-ada");
    return record.id;
}
} // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: oversight_tablet <data dir> <port> <ca.pem>\n";
        return 2;
    }
    try {
        std::ifstream caFile(argv[3]);
        std::stringstream ca;
        ca << caFile.rdbuf();
        sync::ServerEndpoint endpoint;
        endpoint.host = "127.0.0.1";
        endpoint.port = std::stoi(argv[2]);
        endpoint.trustedCaPem = ca.str();
        auto recovery = storage::RecoveryKeyPair::generate();
        auto store = storage::Store::create(argv[1], "tablet passphrase for tests", recovery.publicKey,
                                            storage::KdfParams::fastForTests());
        sync::SyncClient client(*store, endpoint);
        std::string line;
        while (std::getline(std::cin, line)) {
            std::istringstream in(line);
            std::string command;
            in >> command;
            if (command == "recovery-key") {
                auto pair = storage::RecoveryKeyPair::generate();
                std::cout << base::toHex(pair.publicKey) << std::endl;
            } else if (command == "enrol") {
                std::string user, password;
                in >> user;
                std::getline(in, password);
                if (!password.empty() && password[0] == ' ') password.erase(0, 1);
                auto result = client.enrol(user, password, "tablet");
                std::cout << (result.ok() ? "ok" : "failed " + result.message) << std::endl;
            } else if (command == "alert" || command == "concern" || command == "visit") {
                std::string caseId, childId, rest;
                in >> caseId >> childId;
                std::getline(in, rest);
                if (!rest.empty() && rest[0] == ' ') rest.erase(0, 1);
                std::string id;
                if (command == "alert")
                    id = signRecord(*store, caseId, childId, storage::kinds::kSafetyAlert,
                                    {{"child_words", rest}, {"disclosed_at", base::nowIsoUtc()}}, true);
                else if (command == "concern")
                    id = signRecord(
                        *store, caseId, childId, storage::kinds::kConcern,
                        {{"identified_at", rest},
                         {"referrals", {{{"route", "phone"}, {"at", rest}, {"written_at", rest}}}}},
                        false);
                else
                    id = signRecord(*store, caseId, childId, storage::kinds::kVisit,
                                    {{"note", "played (fictional)"}}, false);
                auto pushed = client.push();
                std::cout << (pushed.ok() ? id : "failed " + pushed.message) << std::endl;
            } else if (command == "skinmap") {
                std::string caseId, childId;
                in >> caseId >> childId;
                const std::string id = signRecord(*store, caseId, childId, storage::kinds::kSkinMap,
                                                  skinmap::toJson(skinmap::demoSkinMap()), false);
                auto pushed = client.push();
                std::cout << (pushed.ok() ? id : "failed " + pushed.message) << std::endl;
            } else if (command == "analysis") {
                std::string caseId, childId, words;
                in >> caseId >> childId;
                std::getline(in, words);
                if (!words.empty() && words[0] == ' ') words.erase(0, 1);
                const std::string visit = signRecord(
                    *store, caseId, childId, storage::kinds::kVisit,
                    {{"note", "played three wishes (fictional)"}, {"started_at", base::nowIsoUtc()}}, false);
                tools::ActivityResult result;
                result.type = "words";
                result.contentId = "three_wishes";
                result.contentVersion = 1;
                for (const char* step : {"wish_1", "wish_2", "wish_3"}) {
                    tools::Answer answer;
                    answer.stepId = step;
                    answer.status = tools::AnswerStatus::NotReached;
                    if (std::string(step) == "wish_1") {
                        answer.status = tools::AnswerStatus::Answered;
                        answer.words = words;
                    }
                    result.answers.push_back(answer);
                }
                result.order = {"wish_1"};
                result.stopped = true;
                result.stoppedAt = "wish_2";
                const std::string activity = signRecord(*store, caseId, childId, storage::kinds::kActivity,
                                                        tools::resultToJson(result), false, visit);
                tools::ConflictAnalysis analysis;
                analysis.visitId = visit;
                analysis.section(tools::ConflictSection::HappeningNow).text =
                    "The child wants the arguing to stop (fictional).";
                analysis.cite(tools::ConflictSection::HappeningNow, {activity, "wish_1"});
                analysis.section(tools::ConflictSection::DomesticAbuse).notApplicable = true;
                analysis.harmJudgement = tools::HarmJudgement::Medium;
                const std::string id = signRecord(*store, caseId, childId, storage::kinds::kConflictAnalysis,
                                                  tools::analysisToJson(analysis), false, visit);
                auto pushed = client.push();
                std::cout << (pushed.ok() ? id + " " + activity : "failed " + pushed.message) << std::endl;
            } else if (command == "pull") {
                auto pulled = client.pull();
                if (!pulled.ok()) {
                    std::cout << "failed " << pulled.message << std::endl;
                    continue;
                }
                nlohmann::json notes = nlohmann::json::array();
                for (const auto& child : store->children())
                    for (const auto& r : store->recordsForChild(child.id))
                        if (r.kind == storage::kinds::kManagerNote)
                            notes.push_back({{"id", r.id},
                                             {"child", r.childId},
                                             {"author", r.author},
                                             {"payload", r.payload},
                                             {"hash", r.hash}});
                std::cout << "notes " << notes.dump() << std::endl;
            } else if (command == "quit") {
                return 0;
            } else {
                std::cout << "unknown command" << std::endl;
            }
        }
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "oversight_tablet: " << e.what() << '\n';
        return 1;
    }
}
