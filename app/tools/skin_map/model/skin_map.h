// The skin map record (DOMAIN.md "The skin map", SF 2.96): where visible injuries are, and
// what was seen, on the same outlines every time so that maps of different days compare.
//
// A practitioner's record, never a prop for questioning a child: it records what is seen,
// not a guess at the cause, and never a photograph. It is stored as the payload of a store
// Record of kind "skin_map" whose parentId is the visit or welfare concern it belongs to.
//
// Enforced here: marks must lie on a region of a known view; signing needs the header and
// each mark's essentials (validateForSigning); the prompts that practice requires
// (NICE CG89 for a child not independently mobile; high-concern sites and features) are
// computed by concerns(), and isHighRisk() says when the record must be flagged.
#pragma once

#include "app/tools/skin_map/model/body_outlines.h"
#include "storage/record_kinds.h"

#include <optional>
#include <string>
#include <vector>

namespace heard::skinmap {

constexpr int kSkinMapSchemaVersion = 1;
constexpr const char* kSkinMapRecordKind = storage::kinds::kSkinMap;

// What a mark looks like, never what caused it (DOMAIN.md: record what is seen, not a guess at
// the cause). NotRecorded: nobody has chosen yet (a new mark has no type or shape until the
// practitioner picks one: issue 13.3, the record holds only what happened).
// CutOrGraze, Burn, Scratch and Bite are the earlier types, which named a cause: they are no
// longer offered, but records made with them still open and read as they were written.
enum class InjuryType {
    Bruise,
    CutOrGraze, // earlier type
    Burn,       // earlier type
    Scratch,    // earlier type
    Bite,       // earlier type
    Other,
    NotRecorded,
    RedMark,
    SkinBreak,   // a break in the skin
    Blister,     // a blister or blisters
    LineMark,    // a mark in a line
    PatternMark, // a mark with a pattern or a shape in it
};
enum class MarkShape {
    Round,
    Oval,
    Linear,
    Irregular,
    Patterned,
    Other,
    NotRecorded
}; // Patterned: looks like an imprint
enum class Colour { Red, Pink, Purple, Blue, Black, Green, Yellow, Brown, Grey };
enum class YesNoUnknown { Unknown, Yes, No };
enum class Progress { NotKnown, Healing, Worsening, Unchanged };
enum class Speaker { Child, Adult };
enum class Mobility {
    Unknown,
    NotIndependentlyMobile, // a baby or a child who cannot move about alone: NICE CG89 applies
    IndependentlyMobile,
};

// One explanation, in the speaker's own words (quoted exactly; never paraphrased).
struct Explanation {
    Speaker speaker = Speaker::Child;
    std::string who;   // "the child", "mother", "teacher": who said it
    std::string words; // their own words
    bool operator==(const Explanation& o) const {
        return speaker == o.speaker && who == o.who && words == o.words;
    }
};

struct Mark {
    int number = 0; // shown on the map; given once, never reused within a map
    ViewId view = ViewId::BodyFront;
    Point position;         // normalised in the view's frame
    std::string regionId;   // from hit-testing position
    std::string regionName; // the region's name when it was marked (readable without code)
    InjuryType type = InjuryType::NotRecorded;
    double lengthCm = 0; // approximate size; 0: not yet measured
    double widthCm = 0;
    MarkShape shape = MarkShape::NotRecorded;
    std::vector<Colour> colours; // every colour present
    YesNoUnknown skinBroken = YesNoUnknown::Unknown;
    bool swelling = false, scab = false, blister = false, bleeding = false;
    Progress progress = Progress::NotKnown;
    YesNoUnknown painOrLimitedMovement = YesNoUnknown::Unknown;
    bool imprintOfObject = false; // the shape of a hand, a belt, a loop, teeth...: high-concern
    bool petechiae = false;       // pinpoint red dots: high-concern
    std::string description;      // what is seen, in the practitioner's words
    std::vector<Explanation> explanations;
    std::string childFeelings; // how the child feels about it
    std::string foundBy;       // who first found or reported it
    std::string observedBy;    // who saw it for this record
    std::string observedAt;    // ISO-8601, e.g. "2026-11-23T10:15:00Z"

    bool operator==(const Mark& o) const;
    bool operator!=(const Mark& o) const { return !(*this == o); }
};

struct SkinMapHeader {
    std::string childId, childName;
    std::string completedByName, completedByRole;
    std::string accountGivenBy; // who gave the account of the marks
    std::string firstNoticedAt; // when first noticed or disclosed (ISO-8601 date or date-time)
    std::string recordedAt;     // when this record was made
    Mobility mobility = Mobility::Unknown;
    bool operator==(const SkinMapHeader& o) const;
};

struct SkinMap {
    int schemaVersion = kSkinMapSchemaVersion;
    std::string outlinesVersion = kOutlinesVersion; // the outlines the marks were placed on
    BodyShape bodyShape = BodyShape::YoungChild;
    SkinMapHeader header;
    std::vector<Mark> marks;
    int nextMarkNumber = 1;
    std::string patternNotes;  // the pattern, when marks cluster
    std::string noticeShownAt; // when the "no undressing, no photographs" notice was last shown

    bool operator==(const SkinMap& o) const;
    bool operator!=(const SkinMap& o) const { return !(*this == o); }

    const Mark* mark(int number) const;
    Mark* mark(int number);
};

// --- Editing: every change goes through these so the map stays valid. ---

enum class EditError {
    None,
    OutsideBody, // the point is not on any region of the view (nor within the tolerance)
    NoSuchMark,
};

// Places a mark at p in view, hit-testing its region (with touch tolerance in view widths).
// Returns the new mark's number, or 0 with error set (the map is then unchanged).
int addMark(SkinMap& map, ViewId view, Point p, double tolerance, EditError& error);
// Moves a mark (re-hit-tests its region). The map is unchanged on error.
EditError moveMark(SkinMap& map, int number, Point p, double tolerance);
EditError removeMark(SkinMap& map, int number);

// --- Validation ---

struct Problem {
    std::string field;   // "header.completedByName", "marks[2].lengthCm", ...
    std::string message; // English, for _()
};

// Problems that make a map unusable even as a draft (bad positions, unknown regions,
// duplicate numbers, impossible sizes). Empty means the map can be saved.
std::vector<Problem> validateStructure(const SkinMap& map);
// validateStructure plus everything a signed record must have: header, and for each mark
// its size, at least one colour, who observed it and when. Empty means it can be signed.
std::vector<Problem> validateForSigning(const SkinMap& map);

bool isIsoDateOrDateTime(const std::string& text); // "2026-11-23" or "2026-11-23T10:15[:00][Z]"

// --- Prompts that practice requires ---

enum class ConcernKind {
    NotMobileBruise, // NICE CG89: refer whatever the explanation
    NotMobileBaby,   // NICE CG89 on the baby set: any mark on a baby not known to be mobile
    HighConcernSite, // ears, cheeks, neck, abdomen, buttocks, groin
    Cluster,         // several marks close together
    Imprint,         // the imprint of an object
    Petechiae,
};

struct Concern {
    ConcernKind kind;
    std::vector<int> marks; // the mark numbers it is about
    std::string message;    // English, for _()
};

std::vector<Concern> concerns(const SkinMap& map);
// The NICE CG89 prompt shown on a baby-set map from the moment it opens (before any mark),
// unless the baby is recorded as independently mobile. Empty when it does not apply.
const char* babyPrompt(const SkinMap& map);
// True when any concern is present: the record's highRisk flag must then be set.
bool isHighRisk(const SkinMap& map);

// Marks within this distance (in view widths) of each other in the same view form a cluster
// when there are at least kClusterMinimum of them.
constexpr double kClusterDistance = 0.08;
constexpr int kClusterMinimum = 3;

// English words for enums (also the JSON values).
const char* toString(InjuryType v);
const char* toString(MarkShape v);
const char* toString(Colour v);
const char* toString(YesNoUnknown v);
const char* toString(Progress v);
const char* toString(Speaker v);
const char* toString(Mobility v);
const char* title(InjuryType v); // "Bruise", "Cut or graze", ...
const char* title(MarkShape v);
const char* title(Colour v);
// The types a practitioner can choose (what is seen), in the order offered; NotRecorded last.
const std::vector<InjuryType>& allInjuryTypes();
// Every type a record may carry, the earlier ones too (for reading records).
const std::vector<InjuryType>& readableInjuryTypes();
bool isEarlierInjuryType(InjuryType v); // no longer offered: it named a cause
const std::vector<MarkShape>& allMarkShapes();
const std::vector<Colour>& allColours();

} // namespace heard::skinmap
