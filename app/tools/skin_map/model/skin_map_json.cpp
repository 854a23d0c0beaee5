#include "app/tools/skin_map/model/skin_map_json.h"

#include <cmath>

namespace heard::skinmap {

using nlohmann::json;

namespace {

// --- Writing ---

json pointJson(Point p) {
    return json{{"x", p.x}, {"y", p.y}};
}

json markJson(const Mark& m) {
    json colours = json::array();
    for (Colour c : m.colours)
        colours.push_back(toString(c));
    json explanations = json::array();
    for (const Explanation& e : m.explanations)
        explanations.push_back({{"speaker", toString(e.speaker)}, {"who", e.who}, {"words", e.words}});
    return json{{"number", m.number},
                {"view", toString(m.view)},
                {"position", pointJson(m.position)},
                {"regionId", m.regionId},
                {"regionName", m.regionName},
                {"type", toString(m.type)},
                {"lengthCm", m.lengthCm},
                {"widthCm", m.widthCm},
                {"shape", toString(m.shape)},
                {"colours", colours},
                {"skinBroken", toString(m.skinBroken)},
                {"swelling", m.swelling},
                {"scab", m.scab},
                {"blister", m.blister},
                {"bleeding", m.bleeding},
                {"progress", toString(m.progress)},
                {"painOrLimitedMovement", toString(m.painOrLimitedMovement)},
                {"imprintOfObject", m.imprintOfObject},
                {"petechiae", m.petechiae},
                {"description", m.description},
                {"explanations", explanations},
                {"childFeelings", m.childFeelings},
                {"foundBy", m.foundBy},
                {"observedBy", m.observedBy},
                {"observedAt", m.observedAt}};
}

// --- Reading: every accessor names the field it failed on. ---

const json& member(const json& object, const std::string& key, const std::string& path) {
    if (!object.is_object()) throw SkinMapFormatError(path, "expected an object");
    const auto it = object.find(key);
    if (it == object.end()) throw SkinMapFormatError(path + "." + key, "missing");
    return *it;
}

std::string text(const json& object, const std::string& key, const std::string& path) {
    const json& v = member(object, key, path);
    if (!v.is_string()) throw SkinMapFormatError(path + "." + key, "expected text");
    return v.get<std::string>();
}

bool flag(const json& object, const std::string& key, const std::string& path) {
    const json& v = member(object, key, path);
    if (!v.is_boolean()) throw SkinMapFormatError(path + "." + key, "expected true or false");
    return v.get<bool>();
}

int integer(const json& object, const std::string& key, const std::string& path) {
    const json& v = member(object, key, path);
    if (!v.is_number_integer()) throw SkinMapFormatError(path + "." + key, "expected a whole number");
    return v.get<int>();
}

double number(const json& object, const std::string& key, const std::string& path) {
    const json& v = member(object, key, path);
    if (!v.is_number()) throw SkinMapFormatError(path + "." + key, "expected a number");
    const double d = v.get<double>();
    if (!std::isfinite(d)) throw SkinMapFormatError(path + "." + key, "expected a finite number");
    return d;
}

template <typename E>
E enumValue(const json& object, const std::string& key, const std::string& path,
            const std::vector<E>& values) {
    const std::string word = text(object, key, path);
    for (E v : values)
        if (word == toString(v)) return v;
    throw SkinMapFormatError(path + "." + key, "unknown value '" + word + "'");
}

const std::vector<YesNoUnknown> kYesNoValues{YesNoUnknown::Unknown, YesNoUnknown::Yes, YesNoUnknown::No};
const std::vector<Progress> kProgressValues{Progress::NotKnown, Progress::Healing, Progress::Worsening,
                                            Progress::Unchanged};
const std::vector<Speaker> kSpeakerValues{Speaker::Child, Speaker::Adult};
const std::vector<Mobility> kMobilityValues{Mobility::Unknown, Mobility::NotIndependentlyMobile,
                                            Mobility::IndependentlyMobile};

Mark markFromJson(const json& j, const std::string& path) {
    Mark m;
    m.number = integer(j, "number", path);
    const std::string view = text(j, "view", path);
    const auto viewId = viewFromString(view);
    if (!viewId) throw SkinMapFormatError(path + ".view", "unknown view '" + view + "'");
    m.view = *viewId;
    const json& position = member(j, "position", path);
    m.position = {number(position, "x", path + ".position"), number(position, "y", path + ".position")};
    m.regionId = text(j, "regionId", path);
    m.regionName = text(j, "regionName", path);
    m.type = enumValue(j, "type", path, readableInjuryTypes()); // earlier types still read
    m.lengthCm = number(j, "lengthCm", path);
    m.widthCm = number(j, "widthCm", path);
    m.shape = enumValue(j, "shape", path, allMarkShapes());
    const json& colours = member(j, "colours", path);
    if (!colours.is_array()) throw SkinMapFormatError(path + ".colours", "expected a list");
    for (size_t i = 0; i < colours.size(); ++i) {
        const json wrapped{{"colour", colours[i]}};
        m.colours.push_back(
            enumValue(wrapped, "colour", path + ".colours[" + std::to_string(i) + "]", allColours()));
    }
    m.skinBroken = enumValue(j, "skinBroken", path, kYesNoValues);
    m.swelling = flag(j, "swelling", path);
    m.scab = flag(j, "scab", path);
    m.blister = flag(j, "blister", path);
    m.bleeding = flag(j, "bleeding", path);
    m.progress = enumValue(j, "progress", path, kProgressValues);
    m.painOrLimitedMovement = enumValue(j, "painOrLimitedMovement", path, kYesNoValues);
    m.imprintOfObject = flag(j, "imprintOfObject", path);
    m.petechiae = flag(j, "petechiae", path);
    m.description = text(j, "description", path);
    const json& explanations = member(j, "explanations", path);
    if (!explanations.is_array()) throw SkinMapFormatError(path + ".explanations", "expected a list");
    for (size_t i = 0; i < explanations.size(); ++i) {
        const std::string at = path + ".explanations[" + std::to_string(i) + "]";
        m.explanations.push_back({enumValue(explanations[i], "speaker", at, kSpeakerValues),
                                  text(explanations[i], "who", at), text(explanations[i], "words", at)});
    }
    m.childFeelings = text(j, "childFeelings", path);
    m.foundBy = text(j, "foundBy", path);
    m.observedBy = text(j, "observedBy", path);
    m.observedAt = text(j, "observedAt", path);
    return m;
}

} // namespace

json toJson(const SkinMap& map) {
    json marks = json::array();
    for (const Mark& m : map.marks)
        marks.push_back(markJson(m));
    const SkinMapHeader& h = map.header;
    return json{{"schemaVersion", map.schemaVersion},
                {"outlinesVersion", map.outlinesVersion},
                {"bodyShape", toString(map.bodyShape)},
                {"header",
                 {{"childId", h.childId},
                  {"childName", h.childName},
                  {"completedByName", h.completedByName},
                  {"completedByRole", h.completedByRole},
                  {"accountGivenBy", h.accountGivenBy},
                  {"firstNoticedAt", h.firstNoticedAt},
                  {"recordedAt", h.recordedAt},
                  {"mobility", toString(h.mobility)}}},
                {"marks", marks},
                {"nextMarkNumber", map.nextMarkNumber},
                {"patternNotes", map.patternNotes},
                {"noticeShownAt", map.noticeShownAt}};
}

SkinMap skinMapFromJson(const json& j) {
    const std::string root = "skinMap";
    if (!j.is_object()) throw SkinMapFormatError(root, "expected an object");
    SkinMap map;
    map.schemaVersion = integer(j, "schemaVersion", root);
    if (map.schemaVersion > kSkinMapSchemaVersion)
        throw SkinMapFormatError(root + ".schemaVersion", "made by a newer version of Heard (schema " +
                                                              std::to_string(map.schemaVersion) + ")");
    if (map.schemaVersion < 1) throw SkinMapFormatError(root + ".schemaVersion", "not a skin map schema");
    map.outlinesVersion = text(j, "outlinesVersion", root);
    const std::string shape = text(j, "bodyShape", root);
    const auto bodyShape = bodyShapeFromString(shape);
    if (!bodyShape) throw SkinMapFormatError(root + ".bodyShape", "unknown body shape '" + shape + "'");
    map.bodyShape = *bodyShape;
    const json& h = member(j, "header", root);
    const std::string hp = root + ".header";
    map.header.childId = text(h, "childId", hp);
    map.header.childName = text(h, "childName", hp);
    map.header.completedByName = text(h, "completedByName", hp);
    map.header.completedByRole = text(h, "completedByRole", hp);
    map.header.accountGivenBy = text(h, "accountGivenBy", hp);
    map.header.firstNoticedAt = text(h, "firstNoticedAt", hp);
    map.header.recordedAt = text(h, "recordedAt", hp);
    map.header.mobility = enumValue(h, "mobility", hp, kMobilityValues);
    const json& marks = member(j, "marks", root);
    if (!marks.is_array()) throw SkinMapFormatError(root + ".marks", "expected a list");
    for (size_t i = 0; i < marks.size(); ++i)
        map.marks.push_back(markFromJson(marks[i], root + ".marks[" + std::to_string(i) + "]"));
    map.nextMarkNumber = integer(j, "nextMarkNumber", root);
    map.patternNotes = text(j, "patternNotes", root);
    map.noticeShownAt = text(j, "noticeShownAt", root);
    return map;
}

} // namespace heard::skinmap
