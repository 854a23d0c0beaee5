#include "app/tools/framework/model/activity_result.h"

#include "app/i18n/i18n.h"
#include "base/error.h"

#include <algorithm>
#include <cmath>

namespace heard::tools {

using json = nlohmann::json;

model::ChildPeople peopleUsed(const ActivityResult& result) {
    if (!result.extra.is_object() || !result.extra.contains("people")) return {};
    try {
        return model::childPeopleFromJson(result.extra.at("people"));
    } catch (const std::invalid_argument&) {
        return {}; // damaged: neutral words rather than a guess
    }
}

std::string childText(const ActivityResult& result, const std::string& msgid) {
    const char* translated = i18n::tr(msgid);
    return model::hasPlaceholders(translated) ? model::personalise(translated, peopleUsed(result))
                                              : translated;
}

float Placement::distance() const {
    return std::sqrt(x * x + y * y);
}

const char* answerStatusName(AnswerStatus status) {
    switch (status) {
    case AnswerStatus::NotReached:
        return "not_reached";
    case AnswerStatus::Answered:
        return "answered";
    case AnswerStatus::Skipped:
        return "skipped";
    case AnswerStatus::DontKnow:
        return "dont_know";
    }
    return "?";
}

bool Answer::hasContent() const {
    return !faceId.empty() || !faces.empty() || scale >= 0 || !choiceId.empty() || !words.empty() ||
           !placements.empty() || !strokes.empty();
}

bool Answer::operator==(const Answer& o) const {
    return stepId == o.stepId && status == o.status && faceId == o.faceId && faces == o.faces &&
           strength == o.strength && scale == o.scale && scaleForm == o.scaleForm && choiceId == o.choiceId &&
           words == o.words && dictated == o.dictated && placements == o.placements && strokes == o.strokes;
}

const Answer* ActivityResult::answerFor(const std::string& stepId) const {
    for (const Answer& answer : answers) {
        if (answer.stepId == stepId) return &answer;
    }
    return nullptr;
}

const Answer* ActivityResult::givenAnswer(const std::string& stepId) const {
    const Answer* answer = answerFor(stepId);
    return answer && answer->status == AnswerStatus::Answered && answer->hasContent() ? answer : nullptr;
}

Answer* ActivityResult::answerFor(const std::string& stepId) {
    for (Answer& answer : answers) {
        if (answer.stepId == stepId) return &answer;
    }
    return nullptr;
}

std::vector<std::string> ActivityResult::skipped() const {
    std::vector<std::string> out;
    for (const Answer& answer : answers) {
        if (answer.status == AnswerStatus::Skipped) out.push_back(answer.stepId);
    }
    return out;
}

ActivityResult newResult(const ActivityContent& content, const std::string& language) {
    ActivityResult result;
    result.type = content.type;
    result.contentId = content.id;
    result.contentVersion = content.version;
    result.language = language;
    for (const Step& step : content.steps) {
        Answer answer;
        answer.stepId = step.id;
        result.answers.push_back(std::move(answer));
    }
    return result;
}

std::vector<std::string> unsafeAnswerSteps(const ActivityResult& result, const ActivityContent& content) {
    std::vector<std::string> steps;
    for (const Answer& answer : result.answers) {
        // Any answer given counts, even one on screen not yet moved on from or left by a stop.
        if (!answer.hasContent()) continue;
        const Step* step = content.findStep(answer.stepId);
        if (!step) continue;
        bool unsafe = step->kind == StepKind::Scale && step->unsafeAtOrBelow >= 0 && answer.scale >= 0 &&
                      answer.scaleOnTen() <= step->unsafeAtOrBelow;
        if (step->kind == StepKind::Choice) {
            for (const ChoiceOption& choice : step->choices) {
                if (choice.unsafe && choice.id == answer.choiceId) unsafe = true;
            }
        }
        if (unsafe) steps.push_back(answer.stepId);
    }
    return steps;
}

bool answersDiscloseUnsafe(const ActivityResult& result, const ActivityContent& content) {
    return !unsafeAnswerSteps(result, content).empty();
}

// [SECTION] JSON

namespace {

json answerToJson(const Answer& a) {
    json j = {{"step", a.stepId}, {"status", answerStatusName(a.status)}};
    // Only the fields an answer uses are written, so a record reads plainly.
    if (!a.faceId.empty()) j["face"] = a.faceId;
    if (!a.faces.empty()) j["faces"] = a.faces;
    if (a.strength > 0) j["strength"] = a.strength;
    if (a.scale >= 0) {
        // The position and the form it was chosen on: 1 on three pictures is not 1 out of 10.
        j["scale"] = a.scale;
        j["scaleForm"] = scaleFormName(a.scaleForm);
        j["scaleOf"] = scaleFormSteps(a.scaleForm);
    }
    if (!a.choiceId.empty()) j["choice"] = a.choiceId;
    if (!a.words.empty()) j["words"] = a.words;
    if (a.dictated) j["dictated"] = true;
    // How the child answered, said plainly for whoever reads the record: picked from what was
    // offered (a face, a choice, a point on a scale), in their own words, placed or drawn.
    json answeredWith = json::array();
    if (!a.faceId.empty() || !a.faces.empty() || !a.choiceId.empty() || a.scale >= 0)
        answeredWith.push_back("picked_from_list");
    if (!a.words.empty())
        answeredWith.push_back(a.dictated ? "own_words_typed_by_practitioner" : "own_words");
    if (!a.placements.empty()) answeredWith.push_back("placed");
    // Names the child gave people in My world are the child's own words (issue 18.2).
    if (std::any_of(a.placements.begin(), a.placements.end(),
                    [](const Placement& p) { return !p.name.empty(); }))
        answeredWith.push_back("named_in_own_words");
    if (!a.strokes.empty()) answeredWith.push_back("drawn");
    if (!answeredWith.empty()) j["answered_with"] = answeredWith;
    if (!a.placements.empty()) {
        json list = json::array();
        for (const Placement& p : a.placements) {
            json item = {{"token", p.tokenId}, {"name", p.name}, {"x", p.x}, {"y", p.y}};
            if (!p.figure.empty()) item["figure"] = p.figure;
            list.push_back(item);
        }
        j["placements"] = list;
    }
    if (!a.strokes.empty()) {
        json list = json::array();
        for (const Stroke& s : a.strokes)
            list.push_back({{"points", s.points}, {"colour", s.colour}, {"width", s.width}});
        j["strokes"] = list;
    }
    return j;
}

// A field that is missing, mistyped or out of range; the message names the field, never its value.
struct FieldError : base::Error {
    explicit FieldError(const std::string& message) : base::Error("activity_result", message) {}
};

// Reads with messages that name the field; throws FieldError on the first problem.
struct FieldReader {
    std::string path;
    const json& at(const json& object, const char* key) const {
        if (!object.is_object() || !object.contains(key)) throw FieldError(path + "/" + key + ": is missing");
        return object.at(key);
    }
    std::string str(const json& object, const char* key, bool required = true) const {
        if (!required && (!object.is_object() || !object.contains(key))) return {};
        const json& v = at(object, key);
        if (!v.is_string()) throw FieldError(path + "/" + key + ": must be a string");
        return v.get<std::string>();
    }
    long long integer(const json& object, const char* key, long long fallback, long long low,
                      long long high) const {
        if (!object.contains(key)) return fallback;
        const json& v = object.at(key);
        if (!v.is_number_integer()) throw FieldError(path + "/" + key + ": must be a whole number");
        long long n = v.get<long long>();
        if (n < low || n > high) throw FieldError(path + "/" + key + ": out of range");
        return n;
    }
    bool boolean(const json& object, const char* key) const {
        if (!object.contains(key)) return false;
        const json& v = object.at(key);
        if (!v.is_boolean()) throw FieldError(path + "/" + key + ": must be true or false");
        return v.get<bool>();
    }
    float number(const json& object, const char* key) const {
        const json& v = at(object, key);
        if (!v.is_number()) throw FieldError(path + "/" + key + ": must be a number");
        const double d = v.get<double>();
        // Coordinates and widths are small; anything else is damage, and casting a huge double
        // to float would be undefined behaviour.
        if (!std::isfinite(d) || d < -1e6 || d > 1e6) throw FieldError(path + "/" + key + ": out of range");
        return float(d);
    }
};

Answer answerFromJson(const json& j, const std::string& path) {
    if (!j.is_object()) throw FieldError(path + ": must be an object");
    FieldReader r{path};
    Answer a;
    a.stepId = r.str(j, "step");
    std::string status = r.str(j, "status");
    if (status == "answered")
        a.status = AnswerStatus::Answered;
    else if (status == "skipped")
        a.status = AnswerStatus::Skipped;
    else if (status == "dont_know")
        a.status = AnswerStatus::DontKnow;
    else if (status == "not_reached")
        a.status = AnswerStatus::NotReached;
    else
        throw FieldError(path + "/status: unknown status \"" + status + "\"");
    a.faceId = r.str(j, "face", false);
    if (j.contains("faces")) {
        const json& list = j.at("faces");
        if (!list.is_array()) throw FieldError(path + "/faces: must be a list");
        for (const json& id : list) {
            if (!id.is_string()) throw FieldError(path + "/faces: must hold face ids");
            a.faces.push_back(id.get<std::string>());
        }
    }
    a.strength = int(r.integer(j, "strength", 0, 0, 3));
    // Records from before scale forms have none: they were all 0-10.
    const std::string form = r.str(j, "scaleForm", false);
    if (!form.empty() && !parseScaleForm(form, a.scaleForm))
        throw FieldError(path + "/scaleForm: unknown scale form \"" + form + "\"");
    a.scale = int(r.integer(j, "scale", -1, 0, scaleFormSteps(a.scaleForm) - 1));
    a.choiceId = r.str(j, "choice", false);
    a.words = r.str(j, "words", false);
    a.dictated = r.boolean(j, "dictated");
    if (j.contains("placements")) {
        const json& list = j.at("placements");
        if (!list.is_array()) throw FieldError(path + "/placements: must be a list");
        for (size_t i = 0; i < list.size(); ++i) {
            FieldReader pr{path + "/placements/" + std::to_string(i)};
            Placement p;
            p.tokenId = pr.str(list[i], "token");
            p.name = pr.str(list[i], "name", false);
            p.x = pr.number(list[i], "x");
            p.y = pr.number(list[i], "y");
            p.figure = pr.str(list[i], "figure", false);
            a.placements.push_back(std::move(p));
        }
    }
    if (j.contains("strokes")) {
        const json& list = j.at("strokes");
        if (!list.is_array()) throw FieldError(path + "/strokes: must be a list");
        for (size_t i = 0; i < list.size(); ++i) {
            const std::string sp = path + "/strokes/" + std::to_string(i);
            FieldReader sr{sp};
            Stroke s;
            const json& points = sr.at(list[i], "points");
            if (!points.is_array() || points.size() % 2 != 0)
                throw FieldError(sp + "/points: must be a list of x, y pairs");
            for (const json& v : points) {
                if (!v.is_number()) throw FieldError(sp + "/points: must hold numbers");
                const double d = v.get<double>();
                if (!std::isfinite(d) || d < -1e6 || d > 1e6) throw FieldError(sp + "/points: out of range");
                s.points.push_back(float(d));
            }
            s.colour = uint32_t(sr.integer(list[i], "colour", 0xff000000, 0, 0xffffffffLL));
            s.width = sr.number(list[i], "width");
            a.strokes.push_back(std::move(s));
        }
    }
    return a;
}

} // namespace

json resultToJson(const ActivityResult& r) {
    json answers = json::array();
    for (const Answer& a : r.answers)
        answers.push_back(answerToJson(a));
    json out = {
        {"activity",
         {{"type", r.type},
          {"contentId", r.contentId},
          {"contentVersion", r.contentVersion},
          {"language", r.language}}},
        {"child",
         {{"answers", answers},
          {"order", r.order},
          {"stopped", r.stopped},
          {"stoppedAt", r.stoppedAt},
          {"skipped", r.skipped()}}},
        {"practitioner", {{"interpretation", r.interpretation}}},
        {"unsafeDisclosed", r.unsafeDisclosed},
        {"extra", r.extra},
    };
    // Only when a band was used, so records made without one read as they always did.
    if (!r.ageBand.empty()) out["activity"]["ageBand"] = r.ageBand;
    return out;
}

bool resultFromJson(const json& payload, ActivityResult& out, std::string& error) {
    try {
        if (!payload.is_object()) throw FieldError("payload: must be an object");
        ActivityResult r;
        FieldReader top{""};
        const json& activity = top.at(payload, "activity");
        FieldReader ar{"/activity"};
        r.type = ar.str(activity, "type");
        r.contentId = ar.str(activity, "contentId");
        r.contentVersion = int(ar.integer(activity, "contentVersion", 0, 0, 1000000));
        r.language = ar.str(activity, "language");
        r.ageBand = ar.str(activity, "ageBand", false);
        const json& child = top.at(payload, "child");
        FieldReader cr{"/child"};
        const json& answers = cr.at(child, "answers");
        if (!answers.is_array()) throw FieldError("/child/answers: must be a list");
        for (size_t i = 0; i < answers.size(); ++i)
            r.answers.push_back(answerFromJson(answers[i], "/child/answers/" + std::to_string(i)));
        if (child.contains("order")) {
            const json& order = child.at("order");
            if (!order.is_array()) throw FieldError("/child/order: must be a list");
            for (const json& id : order) {
                if (!id.is_string()) throw FieldError("/child/order: must hold step ids");
                r.order.push_back(id.get<std::string>());
            }
        }
        r.stopped = cr.boolean(child, "stopped");
        r.stoppedAt = cr.str(child, "stoppedAt", false);
        r.unsafeDisclosed = top.boolean(payload, "unsafeDisclosed");
        if (payload.contains("practitioner")) {
            FieldReader pr{"/practitioner"};
            r.interpretation = pr.str(payload.at("practitioner"), "interpretation", false);
        }
        if (payload.contains("extra")) r.extra = payload.at("extra");
        out = std::move(r);
        return true;
    } catch (const FieldError& e) {
        error = e.what();
        return false;
    } catch (const json::exception& e) {
        error = std::string("malformed payload: ") + e.what();
        return false;
    }
}

} // namespace heard::tools
