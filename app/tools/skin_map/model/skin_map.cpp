#include "app/tools/skin_map/model/skin_map.h"

#include "app/i18n/i18n.h" // N_: the titles are msgids, translated where drawn

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <numeric>
#include <tuple>

namespace heard::skinmap {

// [SECTION] Enum words ------------------------------------------------------------------------

namespace {

template <typename E> struct EnumWord {
    E value;
    const char* id;
    const char* title;
};

template <typename E, size_t N> const char* idOf(const EnumWord<E> (&table)[N], E value) {
    for (const auto& w : table)
        if (w.value == value) return w.id;
    return "unknown";
}
template <typename E, size_t N> const char* titleOf(const EnumWord<E> (&table)[N], E value) {
    for (const auto& w : table)
        if (w.value == value) return w.title;
    return "unknown";
}
template <typename E, size_t N> std::vector<E> valuesOf(const EnumWord<E> (&table)[N]) {
    std::vector<E> out;
    for (const auto& w : table)
        out.push_back(w.value);
    return out;
}

// Offered, in this order: each describes what is seen.
const EnumWord<InjuryType> kInjuryTypes[] = {
    {InjuryType::Bruise, "bruise", N_("Bruise")},
    {InjuryType::RedMark, "red_mark", N_("Red mark")},
    {InjuryType::SkinBreak, "break_in_skin", N_("Break in the skin")},
    {InjuryType::Blister, "blister", N_("Blister")},
    {InjuryType::LineMark, "line_mark", N_("Line mark")},
    {InjuryType::PatternMark, "pattern_mark", N_("Pattern mark")},
    {InjuryType::Other, "other", N_("Other mark")},
    {InjuryType::NotRecorded, "not_recorded", N_("Type not recorded")},
};
// Earlier types, which named a cause: read from old records, shown as written with a note,
// never offered (a signed record is never rewritten: SF 3.45).
const EnumWord<InjuryType> kEarlierInjuryTypes[] = {
    {InjuryType::CutOrGraze, "cut_or_graze", N_("Cut or graze (earlier type)")},
    {InjuryType::Burn, "burn", N_("Burn (earlier type)")},
    {InjuryType::Scratch, "scratch", N_("Scratch (earlier type)")},
    {InjuryType::Bite, "bite", N_("Bite (earlier type)")},
};
const EnumWord<MarkShape> kMarkShapes[] = {
    {MarkShape::Round, "round", N_("Round")},
    {MarkShape::Oval, "oval", N_("Oval")},
    {MarkShape::Linear, "linear", N_("Line")},
    {MarkShape::Irregular, "irregular", N_("Irregular")},
    {MarkShape::Patterned, "patterned", N_("Patterned (like an imprint)")},
    {MarkShape::Other, "other", N_("Other")},
    {MarkShape::NotRecorded, "not_recorded", N_("Shape not recorded")},
};
const EnumWord<Colour> kColours[] = {
    {Colour::Red, "red", N_("Red")},          {Colour::Pink, "pink", N_("Pink")},
    {Colour::Purple, "purple", N_("Purple")}, {Colour::Blue, "blue", N_("Blue")},
    {Colour::Black, "black", N_("Black")},    {Colour::Green, "green", N_("Green")},
    {Colour::Yellow, "yellow", N_("Yellow")}, {Colour::Brown, "brown", N_("Brown")},
    {Colour::Grey, "grey", N_("Grey")},
};
const EnumWord<YesNoUnknown> kYesNo[] = {{YesNoUnknown::Unknown, "unknown", N_("Not known")},
                                         {YesNoUnknown::Yes, "yes", N_("Yes")},
                                         {YesNoUnknown::No, "no", N_("No")}};
const EnumWord<Progress> kProgress[] = {{Progress::NotKnown, "not_known", N_("Not known")},
                                        {Progress::Healing, "healing", N_("Healing")},
                                        {Progress::Worsening, "worsening", N_("Worsening")},
                                        {Progress::Unchanged, "unchanged", N_("Unchanged")}};
const EnumWord<Speaker> kSpeakers[] = {{Speaker::Child, "child", N_("Child")},
                                       {Speaker::Adult, "adult", N_("Adult")}};
const EnumWord<Mobility> kMobility[] = {
    {Mobility::Unknown, "unknown", N_("Not recorded")},
    {Mobility::NotIndependentlyMobile, "not_independently_mobile", N_("Not independently mobile")},
    {Mobility::IndependentlyMobile, "independently_mobile", N_("Independently mobile")}};

} // namespace

const char* toString(InjuryType v) {
    return isEarlierInjuryType(v) ? idOf(kEarlierInjuryTypes, v) : idOf(kInjuryTypes, v);
}
bool isEarlierInjuryType(InjuryType v) {
    for (const auto& w : kEarlierInjuryTypes)
        if (w.value == v) return true;
    return false;
}
const char* toString(MarkShape v) {
    return idOf(kMarkShapes, v);
}
const char* toString(Colour v) {
    return idOf(kColours, v);
}
const char* toString(YesNoUnknown v) {
    return idOf(kYesNo, v);
}
const char* toString(Progress v) {
    return idOf(kProgress, v);
}
const char* toString(Speaker v) {
    return idOf(kSpeakers, v);
}
const char* toString(Mobility v) {
    return idOf(kMobility, v);
}
const char* title(InjuryType v) {
    return isEarlierInjuryType(v) ? titleOf(kEarlierInjuryTypes, v) : titleOf(kInjuryTypes, v);
}
const char* title(MarkShape v) {
    return titleOf(kMarkShapes, v);
}
const char* title(Colour v) {
    return titleOf(kColours, v);
}
const std::vector<InjuryType>& allInjuryTypes() {
    static const auto s = valuesOf(kInjuryTypes);
    return s;
}
const std::vector<InjuryType>& readableInjuryTypes() {
    static const auto s = [] {
        auto all = valuesOf(kInjuryTypes);
        for (InjuryType t : valuesOf(kEarlierInjuryTypes))
            all.push_back(t);
        return all;
    }();
    return s;
}
const std::vector<MarkShape>& allMarkShapes() {
    static const auto s = valuesOf(kMarkShapes);
    return s;
}
const std::vector<Colour>& allColours() {
    static const auto s = valuesOf(kColours);
    return s;
}

// [SECTION] Equality ------------------------------------------------------------------------

bool Mark::operator==(const Mark& o) const {
    return std::tie(number, view, position.x, position.y, regionId, regionName, type, lengthCm, widthCm,
                    shape, colours, skinBroken, swelling, scab, blister, bleeding, progress,
                    painOrLimitedMovement, imprintOfObject, petechiae, description, explanations,
                    childFeelings, foundBy, observedBy, observedAt) ==
           std::tie(o.number, o.view, o.position.x, o.position.y, o.regionId, o.regionName, o.type,
                    o.lengthCm, o.widthCm, o.shape, o.colours, o.skinBroken, o.swelling, o.scab, o.blister,
                    o.bleeding, o.progress, o.painOrLimitedMovement, o.imprintOfObject, o.petechiae,
                    o.description, o.explanations, o.childFeelings, o.foundBy, o.observedBy, o.observedAt);
}

bool SkinMapHeader::operator==(const SkinMapHeader& o) const {
    return std::tie(childId, childName, completedByName, completedByRole, accountGivenBy, firstNoticedAt,
                    recordedAt, mobility) == std::tie(o.childId, o.childName, o.completedByName,
                                                      o.completedByRole, o.accountGivenBy, o.firstNoticedAt,
                                                      o.recordedAt, o.mobility);
}

bool SkinMap::operator==(const SkinMap& o) const {
    return std::tie(schemaVersion, outlinesVersion, bodyShape, header, marks, nextMarkNumber, patternNotes,
                    noticeShownAt) == std::tie(o.schemaVersion, o.outlinesVersion, o.bodyShape, o.header,
                                               o.marks, o.nextMarkNumber, o.patternNotes, o.noticeShownAt);
}

const Mark* SkinMap::mark(int number) const {
    for (const Mark& m : marks)
        if (m.number == number) return &m;
    return nullptr;
}
Mark* SkinMap::mark(int number) {
    for (Mark& m : marks)
        if (m.number == number) return &m;
    return nullptr;
}

// [SECTION] Editing -------------------------------------------------------------------------

int addMark(SkinMap& map, ViewId view, Point p, double tolerance, EditError& error) {
    const auto hit = hitTest(outlineView(map.bodyShape, view), p, tolerance);
    if (!hit || !hit->region) {
        error = EditError::OutsideBody;
        return 0;
    }
    Mark mark;
    mark.number = std::max(map.nextMarkNumber, 1);
    mark.view = view;
    mark.position = p;
    mark.regionId = hit->region->id;
    mark.regionName = hit->region->name;
    map.marks.push_back(mark);
    map.nextMarkNumber = mark.number + 1;
    error = EditError::None;
    return mark.number;
}

EditError moveMark(SkinMap& map, int number, Point p, double tolerance) {
    Mark* mark = map.mark(number);
    if (!mark) return EditError::NoSuchMark;
    const auto hit = hitTest(outlineView(map.bodyShape, mark->view), p, tolerance);
    if (!hit || !hit->region) return EditError::OutsideBody;
    mark->position = p;
    mark->regionId = hit->region->id;
    mark->regionName = hit->region->name;
    return EditError::None;
}

EditError removeMark(SkinMap& map, int number) {
    const auto it = std::find_if(map.marks.begin(), map.marks.end(),
                                 [number](const Mark& m) { return m.number == number; });
    if (it == map.marks.end()) return EditError::NoSuchMark;
    map.marks.erase(it); // numbers are never reused: nextMarkNumber stays
    return EditError::None;
}

// [SECTION] Validation ----------------------------------------------------------------------

bool isIsoDateOrDateTime(const std::string& text) {
    // YYYY-MM-DD, optionally followed by THH:MM, optional :SS, optional Z.
    auto digits = [&text](size_t from, size_t count) {
        if (from + count > text.size()) return false;
        for (size_t i = from; i < from + count; ++i)
            if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
        return true;
    };
    if (!digits(0, 4) || text.size() < 10 || text[4] != '-' || !digits(5, 2) || text[7] != '-' ||
        !digits(8, 2))
        return false;
    const int month = std::stoi(text.substr(5, 2)), day = std::stoi(text.substr(8, 2));
    if (month < 1 || month > 12 || day < 1 || day > 31) return false;
    if (text.size() == 10) return true;
    if (text[10] != 'T' || !digits(11, 2) || text.size() < 16 || text[13] != ':' || !digits(14, 2))
        return false;
    if (std::stoi(text.substr(11, 2)) > 23 || std::stoi(text.substr(14, 2)) > 59) return false;
    size_t at = 16;
    if (at < text.size() && text[at] == ':') {
        if (!digits(at + 1, 2) || std::stoi(text.substr(at + 1, 2)) > 60) return false;
        at += 3;
    }
    if (at < text.size() && text[at] == 'Z') ++at;
    return at == text.size();
}

namespace {

std::string markField(size_t index, const char* field) {
    return "marks[" + std::to_string(index) + "]." + field;
}

bool blank(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

} // namespace

std::vector<Problem> validateStructure(const SkinMap& map) {
    std::vector<Problem> problems;
    if (map.schemaVersion != kSkinMapSchemaVersion)
        problems.push_back({"schemaVersion", "This skin map was made by a different version of Heard."});
    if (map.outlinesVersion.empty())
        problems.push_back({"outlinesVersion", "The body outlines this map was drawn on are not recorded."});
    const bool currentOutlines = outlinesCompatible(map.outlinesVersion, map.bodyShape);
    for (size_t i = 0; i < map.marks.size(); ++i) {
        const Mark& m = map.marks[i];
        if (m.number < 1 || m.number >= map.nextMarkNumber)
            problems.push_back({markField(i, "number"), "A mark has a number that was never given out."});
        for (size_t j = 0; j < i; ++j)
            if (map.marks[j].number == m.number)
                problems.push_back({markField(i, "number"), "Two marks have the same number."});
        if (!std::isfinite(m.position.x) || !std::isfinite(m.position.y) || m.position.x < 0 ||
            m.position.x > 1 || m.position.y < 0 || m.position.y > 1)
            problems.push_back({markField(i, "position"), "A mark is placed outside the picture."});
        if (m.regionId.empty()) {
            problems.push_back({markField(i, "regionId"), "A mark is not on a named part of the body."});
        } else if (currentOutlines && !outlineView(map.bodyShape, m.view).region(m.regionId)) {
            problems.push_back(
                {markField(i, "regionId"), "A mark names a part of the body this view does not have."});
        }
        for (const auto& [value, field] :
             {std::pair{m.lengthCm, "lengthCm"}, std::pair{m.widthCm, "widthCm"}}) {
            if (!std::isfinite(value) || value < 0 || value > 100)
                problems.push_back({markField(i, field), "A mark's size must be between 0 and 100 cm."});
        }
        if (!m.observedAt.empty() && !isIsoDateOrDateTime(m.observedAt))
            problems.push_back({markField(i, "observedAt"), "The date a mark was seen is not a date."});
    }
    if (!map.header.firstNoticedAt.empty() && !isIsoDateOrDateTime(map.header.firstNoticedAt))
        problems.push_back({"header.firstNoticedAt", "When the marks were first noticed is not a date."});
    if (!map.header.recordedAt.empty() && !isIsoDateOrDateTime(map.header.recordedAt))
        problems.push_back({"header.recordedAt", "When the record was made is not a date."});
    return problems;
}

std::vector<Problem> validateForSigning(const SkinMap& map) {
    std::vector<Problem> problems = validateStructure(map);
    const SkinMapHeader& h = map.header;
    if (blank(h.childId) && blank(h.childName))
        problems.push_back({"header.childName", "Say which child this is."});
    if (blank(h.completedByName))
        problems.push_back({"header.completedByName", "Say who completed the skin map."});
    if (blank(h.completedByRole))
        problems.push_back({"header.completedByRole", "Say the role of who completed it."});
    if (blank(h.accountGivenBy)) problems.push_back({"header.accountGivenBy", "Say who gave the account."});
    if (blank(h.firstNoticedAt))
        problems.push_back({"header.firstNoticedAt", "Say when the marks were first noticed or disclosed."});
    if (blank(h.recordedAt)) problems.push_back({"header.recordedAt", "Say when this record was made."});
    for (size_t i = 0; i < map.marks.size(); ++i) {
        const Mark& m = map.marks[i];
        if (!(m.lengthCm > 0) || !(m.widthCm > 0))
            problems.push_back({markField(i, "lengthCm"), "Give each mark's approximate size in cm."});
        if (m.colours.empty())
            problems.push_back({markField(i, "colours"), "Give every colour present in each mark."});
        if (blank(m.observedBy))
            problems.push_back({markField(i, "observedBy"), "Say who observed each mark."});
        if (blank(m.observedAt))
            problems.push_back({markField(i, "observedAt"), "Say when each mark was seen."});
        for (const Explanation& e : m.explanations)
            if (blank(e.words))
                problems.push_back(
                    {markField(i, "explanations"), "An explanation has no words: remove it or write them."});
    }
    return problems;
}

// [SECTION] Prompts -----------------------------------------------------------------------

std::vector<Concern> concerns(const SkinMap& map) {
    std::vector<Concern> out;
    std::vector<int> bruises, sites, imprints, petechiae;
    const bool currentOutlines = outlinesCompatible(map.outlinesVersion, map.bodyShape);
    for (const Mark& m : map.marks) {
        // A mark whose type is not recorded yet could be a bruise: the NICE prompt names it too.
        if (m.type == InjuryType::Bruise || m.type == InjuryType::NotRecorded) bruises.push_back(m.number);
        const Region* region =
            currentOutlines ? outlineView(map.bodyShape, m.view).region(m.regionId) : nullptr;
        if (region && region->highConcern) sites.push_back(m.number);
        if (m.imprintOfObject || m.shape == MarkShape::Patterned) imprints.push_back(m.number);
        if (m.petechiae) petechiae.push_back(m.number);
    }
    if (babyPrompt(map)[0] != '\0' && !map.marks.empty()) {
        // The baby set: any mark at all, until the baby is recorded as mobile (NICE CG89).
        std::vector<int> all;
        for (const Mark& m : map.marks)
            all.push_back(m.number);
        out.push_back({ConcernKind::NotMobileBaby, all,
                       "A bruise or mark on a baby who is not yet mobile means a referral, whatever the "
                       "explanation (NICE CG89). Consider safeguarding now."});
    } else if (map.header.mobility == Mobility::NotIndependentlyMobile && !bruises.empty()) {
        out.push_back({ConcernKind::NotMobileBruise, bruises,
                       "A bruise on a baby or a child who is not independently mobile means a referral, "
                       "whatever the explanation (NICE CG89)."});
    }
    if (!sites.empty())
        out.push_back({ConcernKind::HighConcernSite, sites,
                       "Marks on the ears, cheeks, neck, abdomen, buttocks or groin are of high concern."});

    // Clusters: connected groups of marks in one view, each within kClusterDistance of another.
    std::vector<size_t> parent(map.marks.size());
    std::iota(parent.begin(), parent.end(), size_t(0));
    std::function<size_t(size_t)> root = [&](size_t i) {
        return parent[i] == i ? i : parent[i] = root(parent[i]);
    };
    for (size_t i = 0; i < map.marks.size(); ++i) {
        for (size_t j = i + 1; j < map.marks.size(); ++j) {
            const Mark &a = map.marks[i], &b = map.marks[j];
            if (a.view != b.view) continue;
            const double aspect = outlineView(map.bodyShape, a.view).aspect;
            const double dx = a.position.x - b.position.x, dy = (a.position.y - b.position.y) * aspect;
            if (std::sqrt(dx * dx + dy * dy) <= kClusterDistance) parent[root(i)] = root(j);
        }
    }
    std::vector<std::vector<int>> groups(map.marks.size());
    for (size_t i = 0; i < map.marks.size(); ++i)
        groups[root(i)].push_back(map.marks[i].number);
    for (const auto& group : groups)
        if (int(group.size()) >= kClusterMinimum)
            out.push_back(
                {ConcernKind::Cluster, group,
                 "These marks are clustered together, which is of high concern: describe the pattern."});

    if (!imprints.empty())
        out.push_back({ConcernKind::Imprint, imprints,
                       "A mark that looks like the imprint of an object is of high concern."});
    if (!petechiae.empty())
        out.push_back(
            {ConcernKind::Petechiae, petechiae, "Petechiae (pinpoint red spots) are of high concern."});
    return out;
}

const char* babyPrompt(const SkinMap& map) {
    if (map.bodyShape != BodyShape::Baby || map.header.mobility == Mobility::IndependentlyMobile) return "";
    return N_("A baby who is not yet mobile: any bruise or mark means a referral, whatever the explanation "
              "(NICE CG89). Record below whether the baby is independently mobile.");
}

bool isHighRisk(const SkinMap& map) {
    return !concerns(map).empty();
}

} // namespace heard::skinmap
