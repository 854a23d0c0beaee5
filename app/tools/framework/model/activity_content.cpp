// Loading and validating tool content (see activity_content.h for the file format).
//
// [SECTION] names and icons
// [SECTION] the checker: reads fields and records every problem with its JSON path
// [SECTION] parseContent
// [SECTION] the library folder
#include "app/tools/framework/model/activity_content.h"

#include "app/tools/framework/model/activity_type.h"
#include "base/data_dir.h"
#include "base/json_reader.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace heard::tools {

// [SECTION] names and icons

const char* stepKindName(StepKind kind) {
    switch (kind) {
    case StepKind::Face:
        return "face";
    case StepKind::Words:
        return "words";
    case StepKind::Scale:
        return "scale";
    case StepKind::Choice:
        return "choice";
    case StepKind::Place:
        return "place";
    case StepKind::Drawing:
        return "drawing";
    }
    return "?";
}

const char* expressionName(Expression expression) {
    switch (expression) {
    case Expression::Happy:
        return "happy";
    case Expression::Calm:
        return "calm";
    case Expression::Sad:
        return "sad";
    case Expression::Angry:
        return "angry";
    case Expression::Scared:
        return "scared";
    case Expression::Worried:
        return "worried";
    case Expression::Confused:
        return "confused";
    case Expression::Excited:
        return "excited";
    }
    return "?";
}

const char* scaleToneName(ScaleTone tone) {
    switch (tone) {
    case ScaleTone::Warm:
        return "warm";
    case ScaleTone::Stormy:
        return "stormy";
    }
    return "?";
}

const char* scaleFormName(ScaleForm form) {
    switch (form) {
    case ScaleForm::Numbers:
        return "numbers";
    case ScaleForm::Pictures3:
        return "pictures_3";
    case ScaleForm::Pictures5:
        return "pictures_5";
    }
    return "?";
}

bool parseScaleForm(const std::string& name, ScaleForm& out) {
    for (ScaleForm form : {ScaleForm::Numbers, ScaleForm::Pictures3, ScaleForm::Pictures5}) {
        if (name == scaleFormName(form)) {
            out = form;
            return true;
        }
    }
    return false;
}

int scaleFormSteps(ScaleForm form) {
    switch (form) {
    case ScaleForm::Numbers:
        return 11;
    case ScaleForm::Pictures3:
        return 3;
    case ScaleForm::Pictures5:
        return 5;
    }
    return 11;
}

int scaleOnTen(ScaleForm form, int position) {
    const int last = scaleFormSteps(form) - 1;
    if (position < 0) return -1;
    if (last == 10) return position;
    return (position * 20 + last) / (2 * last); // position * 10 / last, rounded half up
}

const std::vector<std::string>& contentIcons() {
    static const std::vector<std::string> s_icons = {
        "face", "star", "house", "heart", "cloud", "sun", "school", "person", "people", "pet", "scale",
        "pencil", "judge", "speech", "tick", "cross", "question", "tree",
        "plaster",              // someone got hurt
        "dont_know", "speaker", // issue 18: the pictured "I don't know", and read aloud
        // Issue 18.8: neutral answers (yes, no, things broken, nobody) drawn without a tick or a cross.
        "nod", "shake", "broken", "nobody",
        // For the ends of scales: a little cloud and a storm, and faces for feelings.
        "small_cloud", "storm", "happy_face", "calm_face", "sad_face", "worried_face", "scared_face"};
    return s_icons;
}

std::string ContentError::text() const {
    std::string out = file;
    if (!path.empty()) out += ": " + path;
    return out + ": " + message;
}

const Step* ActivityContent::findStep(const std::string& stepId) const {
    int index = stepIndex(stepId);
    return index < 0 ? nullptr : &steps[size_t(index)];
}

const AgeBand* ActivityContent::bandForAge(int age) const {
    if (age < 0) return nullptr;
    for (const AgeBand& band : ageBands) {
        if (band.suits(age)) return &band;
    }
    return nullptr;
}

const AgeBand* ActivityContent::findBand(const std::string& id) const {
    for (const AgeBand& band : ageBands) {
        if (band.id == id) return &band;
    }
    return nullptr;
}

ActivityContent contentForBand(const ActivityContent& content, const AgeBand* band) {
    if (!band) return content;
    ActivityContent out = content;
    if (!band->steps.empty()) {
        out.steps.clear();
        for (const std::string& id : band->steps) {
            if (const Step* step = content.findStep(id)) out.steps.push_back(*step);
        }
    }
    for (Step& step : out.steps) {
        if (step.kind == StepKind::Scale) step.scaleForm = band->scaleForm;
    }
    return out;
}

int ActivityContent::stepIndex(const std::string& stepId) const {
    for (size_t i = 0; i < steps.size(); ++i) {
        if (steps[i].id == stepId) return int(i);
    }
    return -1;
}

// [SECTION] the checker

namespace {

using json = nlohmann::json;

bool isIdentifier(const std::string& s) {
    if (s.empty() || s.size() > 64) return false;
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

class Checker {
public:
    Checker(const std::string& file, std::vector<ContentError>& errors, const ContentLimits& limits)
        : m_file(file), m_errors(errors), m_limits(limits) {}

    void fail(const std::string& path, const std::string& message) {
        m_errors.push_back(ContentError{m_file, path, message});
        m_failed = true;
    }
    bool failed() const { return m_failed; }

    // A required non-empty string (translatable text or an id).
    std::string text(const json& object, const std::string& path, const char* key, bool required = true) {
        const std::string where = path + "/" + key;
        auto it = object.find(key);
        if (it == object.end()) {
            if (required) fail(where, "is missing");
            return {};
        }
        if (!it->is_string()) {
            fail(where, "must be a string");
            return {};
        }
        std::string value = it->get<std::string>();
        if (value.empty() && required) fail(where, "must not be empty");
        if (value.size() > m_limits.maxStringBytes)
            fail(where, "is longer than " + std::to_string(m_limits.maxStringBytes) + " bytes");
        return value;
    }

    std::string identifier(const json& object, const std::string& path, const char* key) {
        std::string value = text(object, path, key);
        if (!value.empty() && !isIdentifier(value))
            fail(path + "/" + key,
                 "must be 1-64 characters of a-z, 0-9 and _ (got \"" + value.substr(0, 64) + "\")");
        return value;
    }

    std::string icon(const json& object, const std::string& path, bool required, const char* key = "icon") {
        std::string value = text(object, path, key, required);
        if (!value.empty()) {
            const auto& icons = contentIcons();
            if (std::find(icons.begin(), icons.end(), value) == icons.end())
                fail(path + "/" + key, "unknown icon \"" + value.substr(0, 64) + "\"");
        }
        return value;
    }

    int integer(const json& object, const std::string& path, const char* key, int low, int high,
                bool required, int fallback) {
        const std::string where = path + "/" + key;
        auto it = object.find(key);
        if (it == object.end()) {
            if (required) fail(where, "is missing");
            return fallback;
        }
        if (!it->is_number_integer()) {
            fail(where, "must be a whole number");
            return fallback;
        }
        long long value = it->get<long long>();
        if (value < low || value > high) {
            fail(where, "must be between " + std::to_string(low) + " and " + std::to_string(high));
            return fallback;
        }
        return int(value);
    }

    bool boolean(const json& object, const std::string& path, const char* key) {
        auto it = object.find(key);
        if (it == object.end()) return false;
        if (!it->is_boolean()) {
            fail(path + "/" + key, "must be true or false");
            return false;
        }
        return it->get<bool>();
    }

    // An array of objects, bounded in size; returns nullptr (after recording why) when unusable.
    const json* objectArray(const json& object, const std::string& path, const char* key, size_t minCount,
                            size_t maxCount) {
        const std::string where = path + "/" + key;
        auto it = object.find(key);
        if (it == object.end()) {
            if (minCount > 0) fail(where, "is missing");
            return nullptr;
        }
        if (!it->is_array()) {
            fail(where, "must be a list");
            return nullptr;
        }
        if (it->size() < minCount || it->size() > maxCount) {
            fail(where, "must hold between " + std::to_string(minCount) + " and " + std::to_string(maxCount) +
                            " items (has " + std::to_string(it->size()) + ")");
            return nullptr;
        }
        for (size_t i = 0; i < it->size(); ++i) {
            if (!(*it)[i].is_object()) {
                fail(where + "/" + std::to_string(i), "must be an object");
                return nullptr;
            }
        }
        return &*it;
    }

    std::vector<ChoiceOption> options(const json& object, const std::string& path, const char* key,
                                      size_t minCount, bool allowUnsafe) {
        std::vector<ChoiceOption> out;
        const json* list = objectArray(object, path, key, minCount, m_limits.maxOptions);
        if (!list) return out;
        std::set<std::string> seen;
        for (size_t i = 0; i < list->size(); ++i) {
            const std::string itemPath = path + "/" + key + "/" + std::to_string(i);
            const json& item = (*list)[i];
            ChoiceOption option;
            option.id = identifier(item, itemPath, "id");
            option.label = text(item, itemPath, "label");
            option.icon = icon(item, itemPath, false);
            if (allowUnsafe)
                option.unsafe = boolean(item, itemPath, "unsafe");
            else if (item.contains("unsafe"))
                fail(itemPath + "/unsafe", "is only allowed on choices");
            if (!option.id.empty() && !seen.insert(option.id).second)
                fail(itemPath + "/id", "repeats \"" + option.id + "\"");
            out.push_back(std::move(option));
        }
        return out;
    }

    const ContentLimits& limits() const { return m_limits; }

private:
    std::string m_file;
    std::vector<ContentError>& m_errors;
    const ContentLimits& m_limits;
    bool m_failed = false;
};

bool parseStepKind(const std::string& name, StepKind& out) {
    for (StepKind kind : {StepKind::Face, StepKind::Words, StepKind::Scale, StepKind::Choice, StepKind::Place,
                          StepKind::Drawing}) {
        if (name == stepKindName(kind)) {
            out = kind;
            return true;
        }
    }
    return false;
}

bool parseScaleTone(const std::string& name, ScaleTone& out) {
    for (ScaleTone tone : {ScaleTone::Warm, ScaleTone::Stormy}) {
        if (name == scaleToneName(tone)) {
            out = tone;
            return true;
        }
    }
    return false;
}

// A scale's pictures and colours: the two end icons come as a pair, the tone is a known name.
void parseScaleLook(Checker& check, const json& item, const std::string& path, Step& step) {
    // Optional, but when given a picture must be named (an empty name is a mistake, not "none").
    step.lowIcon = check.icon(item, path, item.contains("lowIcon"), "lowIcon");
    step.highIcon = check.icon(item, path, item.contains("highIcon"), "highIcon");
    if (item.contains("lowIcon") != item.contains("highIcon"))
        check.fail(
            path + (item.contains("lowIcon") ? "/highIcon" : "/lowIcon"),
            "is missing: give a picture for both ends of the scale (lowIcon and highIcon), or neither");
    const std::string tone = check.text(item, path, "tone", false);
    if (item.contains("tone") && item.at("tone").is_string() && !parseScaleTone(tone, step.tone))
        check.fail(path + "/tone", "unknown tone \"" + tone.substr(0, 64) + "\" (expected warm or stormy)");
}

bool parseExpression(const std::string& name, Expression& out) {
    for (int i = 0; i <= int(Expression::Excited); ++i) {
        if (name == expressionName(Expression(i))) {
            out = Expression(i);
            return true;
        }
    }
    return false;
}

Step parseStep(Checker& check, const json& item, const std::string& path) {
    Step step;
    step.id = check.identifier(item, path, "id");
    std::string kindName = check.text(item, path, "kind");
    if (!kindName.empty() && !parseStepKind(kindName, step.kind)) {
        check.fail(path + "/kind", "unknown kind \"" + kindName.substr(0, 64) +
                                       "\" (expected face, words, scale, choice, place or drawing)");
        return step;
    }
    step.prompt = check.text(item, path, "prompt");
    step.icon = check.icon(item, path, false);
    switch (step.kind) {
    case StepKind::Words:
        step.allowDrawing = check.boolean(item, path, "drawing");
        break;
    case StepKind::Scale:
        step.lowLabel = check.text(item, path, "low");
        step.highLabel = check.text(item, path, "high");
        step.unsafeAtOrBelow = check.integer(item, path, "unsafeAtOrBelow", 0, 9, false, -1);
        parseScaleLook(check, item, path, step);
        break;
    case StepKind::Choice:
        step.choices = check.options(item, path, "choices", 2, true);
        step.allowWords = check.boolean(item, path, "words");
        break;
    case StepKind::Place:
        step.people =
            check.options(item, path, "people", 0, false); // may be empty: the child adds people (issue 18.2)
        break;
    case StepKind::Face:
        step.multiple = check.boolean(item, path, "multiple");
        break;
    case StepKind::Drawing:
        break;
    }
    if (step.kind != StepKind::Face && item.contains("multiple"))
        check.fail(path + "/multiple", "is only allowed on face steps (several feelings at once)");
    step.note = check.text(item, path, "note", false);
    if (item.contains("about")) step.about = check.identifier(item, path, "about");
    if (step.kind != StepKind::Scale) {
        for (const char* key : {"lowIcon", "highIcon", "tone"}) {
            if (item.contains(key)) check.fail(path + "/" + key, "is only allowed on scale steps");
        }
    }
    return step;
}

// Two whole numbers, youngest and oldest, within 0..25 (ageRange and each band's ages).
bool parseAges(Checker& check, const json& object, const std::string& path, const char* key, int& low,
               int& high) {
    auto ages = object.find(key);
    if (ages == object.end()) {
        check.fail(path + "/" + key, "is missing");
    } else if (!ages->is_array() || ages->size() != 2 || !(*ages)[0].is_number_integer() ||
               !(*ages)[1].is_number_integer()) {
        check.fail(path + "/" + key, "must be two whole numbers, youngest and oldest, e.g. [4, 17]");
    } else {
        long long a = (*ages)[0].get<long long>(), b = (*ages)[1].get<long long>();
        if (a < 0 || b > 25 || a > b) {
            check.fail(path + "/" + key, "must satisfy 0 <= youngest <= oldest <= 25");
        } else {
            low = int(a);
            high = int(b);
            return true;
        }
    }
    return false;
}

bool isSafetyQuestion(const Step& step) {
    if (step.kind == StepKind::Scale && step.unsafeAtOrBelow >= 0) return true;
    return std::any_of(step.choices.begin(), step.choices.end(),
                       [](const ChoiceOption& c) { return c.unsafe; });
}

// "ageBands": the forms of the activity for some ages. Checked after the steps, whose ids the
// bands name.
void parseAgeBands(Checker& check, const json& root, ActivityContent& content) {
    const json* bands = check.objectArray(root, "", "ageBands", 0, check.limits().maxOptions);
    if (!bands) return;
    std::set<std::string> seenIds;
    for (size_t i = 0; i < bands->size(); ++i) {
        const std::string path = "/ageBands/" + std::to_string(i);
        const json& item = (*bands)[i];
        AgeBand band;
        band.id = check.identifier(item, path, "id");
        if (!band.id.empty() && !seenIds.insert(band.id).second)
            check.fail(path + "/id", "repeats \"" + band.id + "\"");
        const bool agesOk = parseAges(check, item, path, "ages", band.minAge, band.maxAge);
        const std::string form = check.text(item, path, "scale", false);
        if (item.contains("scale") && item.at("scale").is_string() && !parseScaleForm(form, band.scaleForm))
            check.fail(path + "/scale", "unknown scale form \"" + form.substr(0, 64) +
                                            "\" (expected numbers, pictures_3 or pictures_5)");
        if (item.contains("steps")) {
            const json& steps = item.at("steps");
            if (!steps.is_array() || steps.empty() || steps.size() > check.limits().maxSteps) {
                check.fail(path + "/steps", "must be a list of 1 to " +
                                                std::to_string(check.limits().maxSteps) +
                                                " step ids (the short version's steps, in order)");
            } else {
                std::set<std::string> seenSteps;
                for (size_t k = 0; k < steps.size(); ++k) {
                    const std::string where = path + "/steps/" + std::to_string(k);
                    if (!steps[k].is_string()) {
                        check.fail(where, "must be a step id");
                        continue;
                    }
                    const std::string id = steps[k].get<std::string>();
                    if (!content.findStep(id))
                        check.fail(where, "no step has the id \"" + id.substr(0, 64) + "\"");
                    else if (!seenSteps.insert(id).second)
                        check.fail(where, "repeats \"" + id + "\"");
                    else
                        band.steps.push_back(id);
                }
                // A short version never drops the question that tells the manager a child is not safe.
                for (const Step& step : content.steps) {
                    if (isSafetyQuestion(step) && !seenSteps.count(step.id))
                        check.fail(path + "/steps", "leaves out the safety question \"" + step.id +
                                                        "\": a short version must keep it");
                }
            }
        }
        if (agesOk) {
            for (const AgeBand& other : content.ageBands) {
                if (band.minAge <= other.maxAge && other.minAge <= band.maxAge)
                    check.fail(path + "/ages", "overlaps the ages of band \"" + other.id +
                                                   "\": each age gets one form of the activity");
            }
        }
        content.ageBands.push_back(std::move(band));
    }
}

} // namespace

// [SECTION] parseContent

bool parseContent(const std::string& fileName, const std::string& text, ActivityContent& out,
                  std::vector<ContentError>& errors, const ContentLimits& limits) {
    Checker check(fileName, errors, limits);
    if (text.size() > limits.maxFileBytes) {
        check.fail("", "file is " + std::to_string(text.size()) + " bytes; the limit is " +
                           std::to_string(limits.maxFileBytes));
        return false;
    }
    // The one bounded reader (base/json_reader.h): too deep is refused while parsing, before a
    // value exists whose destruction or copy could recurse that deep.
    json root;
    try {
        root = base::readJson(text, {limits.maxFileBytes, limits.maxNesting});
    } catch (const base::JsonError& e) {
        if (e.kind() == base::JsonErrorKind::TooDeep)
            check.fail("", "nested more than " + std::to_string(limits.maxNesting) + " levels deep");
        else if (e.byte() > 0) // where the parser stopped: enough for a person to find the mistake
            check.fail("", "not valid JSON near byte " + std::to_string(e.byte()));
        else
            check.fail("", e.what());
        return false;
    }
    if (!root.is_object()) {
        check.fail("", "must be a JSON object");
        return false;
    }

    ActivityContent content;
    content.sourceFile = fileName;
    int format = check.integer(root, "", "format", 1, 1000000, true, 0);
    if (format > 1)
        check.fail("/format", "format " + std::to_string(format) + " is newer than this app reads (1)");
    content.id = check.identifier(root, "", "id");
    content.version = check.integer(root, "", "version", 1, 1000000, true, 0);
    content.type = check.identifier(root, "", "type");
    content.title = check.text(root, "", "title");
    content.childTitle = check.text(root, "", "childTitle");
    content.guidance = check.text(root, "", "guidance");
    content.icon = check.icon(root, "", true);
    content.childChoosesOrder = check.boolean(root, "", "childChoosesOrder");

    parseAges(check, root, "", "ageRange", content.minAge, content.maxAge);

    if (const json* steps = check.objectArray(root, "", "steps", 1, limits.maxSteps)) {
        std::set<std::string> seen;
        for (size_t i = 0; i < steps->size(); ++i) {
            const std::string path = "/steps/" + std::to_string(i);
            Step step = parseStep(check, (*steps)[i], path);
            if (!step.id.empty() && !seen.insert(step.id).second)
                check.fail(path + "/id", "repeats \"" + step.id + "\"");
            content.steps.push_back(std::move(step));
        }
        // "about" shows an answer the child has already given: an earlier step, never itself.
        for (size_t i = 0; i < content.steps.size(); ++i) {
            const std::string& about = content.steps[i].about;
            if (about.empty()) continue;
            const int at = content.stepIndex(about);
            if (at < 0 || size_t(at) >= i)
                check.fail("/steps/" + std::to_string(i) + "/about",
                           "must name an earlier step, not \"" + about.substr(0, 64) + "\"");
        }
    }

    parseAgeBands(check, root, content);

    bool hasFaceStep = std::any_of(content.steps.begin(), content.steps.end(),
                                   [](const Step& s) { return s.kind == StepKind::Face; });
    if (hasFaceStep || root.contains("faces")) {
        if (const json* faces = check.objectArray(root, "", "faces", 2, limits.maxOptions)) {
            std::set<std::string> seen;
            for (size_t i = 0; i < faces->size(); ++i) {
                const std::string path = "/faces/" + std::to_string(i);
                FaceOption face;
                face.id = check.identifier((*faces)[i], path, "id");
                face.label = check.text((*faces)[i], path, "label");
                std::string expression = check.text((*faces)[i], path, "expression");
                if (!expression.empty() && !parseExpression(expression, face.expression))
                    check.fail(path + "/expression",
                               "unknown expression \"" + expression.substr(0, 64) + "\"");
                if (!face.id.empty() && !seen.insert(face.id).second)
                    check.fail(path + "/id", "repeats \"" + face.id + "\"");
                content.faces.push_back(std::move(face));
            }
        }
    }

    // The type's own rules, once the generic shape is sound.
    if (!check.failed() && !content.type.empty()) {
        const ActivityType* type = activityTypes().find(content.type);
        if (!type) {
            check.fail("/type", "unknown activity type \"" + content.type + "\"");
        } else {
            type->checkContent(content, [&](const std::string& path, const std::string& message) {
                check.fail(path, message);
            });
        }
    }
    if (check.failed()) return false;
    out = std::move(content);
    return true;
}

// [SECTION] the library folder

const ActivityContent* ContentLibrary::find(const std::string& id) const {
    for (const ActivityContent& content : activities) {
        if (content.id == id) return &content;
    }
    return nullptr;
}

const ActivityContent* ContentLibrary::forRecord(const std::string& id, int version) const {
    const ActivityContent* current = find(id);
    if (current && current->version == version) return current;
    for (const ActivityContent& content : earlier) {
        if (content.id == id && content.version == version) return &content;
    }
    return current;
}

void ContentLibrary::addVersion(ActivityContent content) {
    auto sameVersion = [&](const ActivityContent& c) {
        return c.id == content.id && c.version == content.version;
    };
    if (std::any_of(earlier.begin(), earlier.end(), sameVersion)) return;
    auto current = std::find_if(activities.begin(), activities.end(),
                                [&](const ActivityContent& c) { return c.id == content.id; });
    if (current == activities.end()) {
        activities.push_back(std::move(content));
        std::sort(activities.begin(), activities.end(),
                  [](const ActivityContent& a, const ActivityContent& b) { return a.id < b.id; });
    } else if (content.version > current->version) {
        earlier.push_back(std::move(*current));
        *current = std::move(content);
    } else if (content.version < current->version) {
        earlier.push_back(std::move(content));
    }
}

std::vector<const ActivityContent*> ContentLibrary::forAge(int age) const {
    std::vector<const ActivityContent*> out;
    for (const ActivityContent& content : activities) {
        if (content.suitsAge(age)) out.push_back(&content);
    }
    return out;
}

namespace {

// Adds the valid files of one folder to the library (and the others' errors).
void loadFolderInto(const std::string& directory, ContentLibrary& library, const ContentLimits& limits) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(directory, ec)) {
        library.errors.push_back(ContentError{directory, "", "tool content folder not found"});
        return;
    }
    std::vector<fs::path> files;
    for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->path().extension() == ".json") files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& path : files) {
        const std::string name = path.filename().string();
        std::error_code sizeError;
        auto size = fs::file_size(path, sizeError);
        if (sizeError) {
            library.errors.push_back(ContentError{name, "", "cannot read: " + sizeError.message()});
            continue;
        }
        if (size > limits.maxFileBytes) { // refused before reading it into memory
            library.errors.push_back(ContentError{name, "",
                                                  "file is " + std::to_string(size) +
                                                      " bytes; the limit is " +
                                                      std::to_string(limits.maxFileBytes)});
            continue;
        }
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        if (!in && !in.eof()) {
            library.errors.push_back(ContentError{name, "", "cannot read"});
            continue;
        }
        ActivityContent content;
        if (!parseContent(name, text.str(), content, library.errors, limits)) continue;
        if (const ActivityContent* existing = library.find(content.id)) {
            library.errors.push_back(ContentError{
                name, "/id", "\"" + content.id + "\" is already used by " + existing->sourceFile});
            continue;
        }
        library.activities.push_back(std::move(content));
    }
}

void sortById(ContentLibrary& library) {
    std::sort(library.activities.begin(), library.activities.end(),
              [](const ActivityContent& a, const ActivityContent& b) { return a.id < b.id; });
}

} // namespace

ContentLibrary loadContentLibrary(const std::string& directory, const ContentLimits& limits) {
    return loadContentFolders({directory}, limits);
}

ContentLibrary loadContentFolders(const std::vector<std::string>& folders, const ContentLimits& limits) {
    ContentLibrary library;
    for (const std::string& folder : folders)
        loadFolderInto(folder, library, limits);
    sortById(library);
    return library;
}

std::string defaultContentDir() {
    if (const char* env = std::getenv("HEARD_TOOLS_DIR"); env && *env) return env;
    return base::assetsDir() + "/tools";
}

std::vector<std::string> contentFolders() {
    std::vector<std::string> folders = {defaultContentDir()};
    if (const char* env = std::getenv("HEARD_EXTRA_TOOLS_DIRS"); env && *env) {
        std::string list = env;
        size_t start = 0;
        while (start <= list.size()) {
            const size_t end = std::min(list.find(':', start), list.size());
            if (end > start) folders.push_back(list.substr(start, end - start));
            start = end + 1;
        }
    }
    return folders;
}

std::vector<std::string> translatableStrings(const ActivityContent& content) {
    std::vector<std::string> out = {content.title, content.childTitle, content.guidance};
    for (const FaceOption& face : content.faces)
        out.push_back(face.label);
    for (const Step& step : content.steps) {
        out.push_back(step.prompt);
        if (!step.note.empty()) out.push_back(step.note);
        if (!step.lowLabel.empty()) out.push_back(step.lowLabel);
        if (!step.highLabel.empty()) out.push_back(step.highLabel);
        for (const ChoiceOption& choice : step.choices)
            out.push_back(choice.label);
        for (const ChoiceOption& person : step.people)
            out.push_back(person.label);
    }
    return out;
}

} // namespace heard::tools
