#include "server/console/text.h"

#include <cstring>

namespace heard::server::console {

namespace {
struct Entry {
    const char* key;
    const char* en;
    const char* cy;
};

// Keep keys in sections as the pages use them.
const Entry kText[] = {
    // Layout
    {"title", "Heard: managers' console", "Heard: consol rheolwyr"},
    {"skip", "Skip to the content", "Neidio i'r cynnwys"},
    {"nav.queue", "Queue", "Ciw"},
    {"nav.search", "Search", "Chwilio"},
    {"nav.audits", "Case audits", "Archwiliadau achos"},
    {"nav.admin", "Accounts and devices", "Cyfrifon a dyfeisiau"},
    {"nav.signout", "Sign out", "Allgofnodi"},
    {"nav.language", "Cymraeg", "English"},
    {"signed_in_as", "Signed in as", "Wedi mewngofnodi fel"},
    // Sign-in
    {"signin.heading", "Sign in", "Mewngofnodi"},
    {"signin.name", "Sign-in name", "Enw mewngofnodi"},
    {"signin.password", "Password", "Cyfrinair"},
    {"signin.submit", "Continue", "Parhau"},
    {"signin.wrong", "Sign-in name or password not recognised.",
     "Nid yw'r enw mewngofnodi na'r cyfrinair yn cael eu hadnabod."},
    {"signin.locked", "Too many wrong attempts. Try again in",
     "Gormod o ymdrechion anghywir. Rhowch gynnig arall ymhen"},
    {"signin.seconds", "seconds.", "eiliad."},
    {"signin.not_console", "This account does not use the console.",
     "Nid yw'r cyfrif hwn yn defnyddio'r consol."},
    {"signin.expired", "Your session ended. Please sign in again.",
     "Daeth eich sesiwn i ben. Mewngofnodwch eto."},
    {"totp.heading", "One-time code", "Cod untro"},
    {"totp.code", "The 6-digit code from your authenticator app", "Y cod 6 digid o'ch ap dilysu"},
    {"totp.wrong", "That code is not right. Check your phone's clock and try the newest code.",
     "Nid yw'r cod hwnnw'n gywir. Gwiriwch gloc eich ffôn a rhowch gynnig ar y cod diweddaraf."},
    {"totp.bad_format", "Type the 6 digits only.", "Teipiwch y 6 digid yn unig."},
    {"enrol.heading", "Set up your one-time codes", "Gosod eich codau untro"},
    {"enrol.scan", "Scan this code with an authenticator app on your work phone.",
     "Sganiwch y cod hwn gydag ap dilysu ar eich ffôn gwaith."},
    {"enrol.type", "Or type this key into the app:", "Neu teipiwch yr allwedd hon yn yr ap:"},
    {"enrol.confirm", "Then type the code the app shows, to confirm.",
     "Yna teipiwch y cod y mae'r ap yn ei ddangos, i gadarnhau."},
    // Queue
    {"queue.heading", "Your team's queue", "Ciw eich tîm"},
    {"queue.urgent", "Safety alerts and high-risk records", "Rhybuddion diogelwch a chofnodion risg uchel"},
    {"queue.followups", "Follow-ups due or overdue", "Camau dilynol sy'n ddyledus neu'n hwyr"},
    {"queue.review", "Records awaiting your review", "Cofnodion yn aros am eich adolygiad"},
    {"queue.devices", "Team tablets not synced for more than 3 days",
     "Tabledi'r tîm heb gysoni ers mwy na 3 diwrnod"},
    {"queue.none", "Nothing here.", "Dim byd yma."},
    {"queue.said_ago", "said", "dywedwyd"},
    {"queue.ago", "ago", "yn ôl"},
    {"queue.due_today", "due today", "yn ddyledus heddiw"},
    {"queue.overdue_by", "overdue by working days:", "yn hwyr o ddiwrnodau gwaith:"},
    {"queue.last_seen", "last synced", "cysonwyd ddiwethaf"},
    {"queue.open", "Open", "Agor"},
    {"queue.case", "Case", "Achos"},
    {"queue.practitioner", "Practitioner", "Ymarferydd"},
    {"queue.no_team", "You are not in a team yet: ask an administrator.",
     "Nid ydych mewn tîm eto: gofynnwch i weinyddwr."},
    {"unit.minutes", "min", "mun"},
    {"unit.hours", "h", "awr"},
    {"unit.days", "days", "diwrnod"},
    // Kinds
    {"kind.safety_alert", "Safety alert", "Rhybudd diogelwch"},
    {"kind.concern", "Welfare concern", "Pryder lles"},
    {"kind.risk_identification", "Risk identification", "Nodi risg"},
    {"kind.skin_map", "Skin map", "Map croen"},
    {"kind.conflict_analysis", "Parental conflict analysis", "Dadansoddiad gwrthdaro rhieni"},
    {"kind.information_sharing", "Information sharing", "Rhannu gwybodaeth"},
    {"kind.visit", "Visit", "Ymweliad"},
    {"kind.not_seen", "Child not seen", "Plentyn heb ei weld"},
    {"kind.activity", "Activity", "Gweithgaredd"},
    {"kind.addendum", "Addendum", "Atodiad"},
    {"kind.manager_note", "Manager's note", "Nodyn y rheolwr"},
    {"kind.device", "Tablet", "Tabled"},
    // Record view
    {"record.heading", "Record", "Cofnod"},
    {"record.kind", "Kind", "Math"},
    {"record.case", "Case", "Achos"},
    {"record.child", "Child", "Plentyn"},
    {"record.author", "Written by", "Ysgrifennwyd gan"},
    {"record.signed_at", "Signed", "Llofnodwyd"},
    {"record.version", "Version", "Fersiwn"},
    {"record.check", "Hash chain and signature", "Cadwyn hash a llofnod"},
    {"record.check_ok", "Verified: the record is as signed and links to the one before it.",
     "Wedi'i wirio: mae'r cofnod fel y'i llofnodwyd ac mae'n cysylltu â'r un cynt."},
    {"record.check_failed", "NOT verified:", "HEB ei wirio:"},
    {"record.child_words", "The child's exact words", "Union eiriau'r plentyn"},
    {"record.contents", "Contents", "Cynnwys"},
    {"record.addenda", "Addenda", "Atodiadau"},
    {"record.skin_map", "Skin map: visible marks only", "Map croen: marciau gweladwy yn unig"},
    {"record.skin_map_alt",
     "The body outlines with each mark numbered where it was seen; the list below names them.",
     "Amlinelliadau'r corff gyda phob marc wedi'i rifo lle cafodd ei weld; mae'r rhestr isod yn eu henwi."},
    {"record.analysis", "The analysis and the child's answers it cites",
     "Y dadansoddiad ac atebion y plentyn y mae'n eu dyfynnu"},
    {"record.analysis_unreadable",
     "This analysis could not be read:", "Nid oedd modd darllen y dadansoddiad hwn:"},
    {"record.considered", "Considered: nothing to write.", "Wedi'i ystyried: dim i'w ysgrifennu."},
    {"record.cited_missing", "The cited answer is not among this child's records you can see.",
     "Nid yw'r ateb a ddyfynnwyd ymhlith cofnodion y plentyn hwn y gallwch eu gweld."},
    {"record.own_words", "The child's own words, exactly as given.",
     "Geiriau'r plentyn ei hun, yn union fel y'u rhoddwyd."},
    {"record.chosen", "Chosen by the child from the activity's options.",
     "Wedi'i ddewis gan y plentyn o opsiynau'r gweithgaredd."},
    {"record.open_cited", "Open the activity", "Agor y gweithgaredd"},
    {"record.indicators", "Indicators that apply", "Dangosyddion sy'n berthnasol"},
    {"record.judgement", "The practitioner's judgement of harm:", "Barn yr ymarferydd am niwed:"},
    {"record.no_addenda", "No addenda.", "Dim atodiadau."},
    {"record.notes", "Management oversight", "Goruchwyliaeth reoli"},
    {"record.no_notes", "No manager's note yet.", "Dim nodyn gan reolwr eto."},
    {"note.heading", "Write your note or decision", "Ysgrifennu eich nodyn neu benderfyniad"},
    {"note.decision", "Decision", "Penderfyniad"},
    {"note.text", "Note", "Nodyn"},
    {"note.date", "Date", "Dyddiad"},
    {"note.submit", "Sign and save", "Llofnodi a chadw"},
    {"note.saved", "Your note is signed and saved. It goes to the practitioner's tablet on its next sync.",
     "Mae eich nodyn wedi'i lofnodi a'i gadw. Bydd yn mynd i dabled yr ymarferydd pan fydd yn cysoni nesaf."},
    {"note.duplicate", "This form was already saved once; it was not saved again.",
     "Cafodd y ffurflen hon ei chadw unwaith yn barod; ni chafodd ei chadw eto."},
    {"note.need_decision", "Choose a decision.", "Dewiswch benderfyniad."},
    {"note.need_text", "Write the note (up to 4,000 characters).",
     "Ysgrifennwch y nodyn (hyd at 4,000 nod)."},
    {"note.bad_date", "Give the date as YYYY-MM-DD, not in the future.",
     "Rhowch y dyddiad fel BBBB-MM-DD, nid yn y dyfodol."},
    {"decision.agree_referral", "Agree the referral", "Cytuno â'r atgyfeiriad"},
    {"decision.discuss_in_supervision", "Discuss in supervision", "Trafod mewn goruchwyliaeth"},
    {"decision.return_for_analysis", "Return for more analysis", "Dychwelyd am fwy o ddadansoddi"},
    {"decision.noted", "Noted", "Wedi nodi"},
    {"note.by", "by", "gan"},
    {"note.signed_hash", "Signed by the server's key (Ed25519)",
     "Wedi'i lofnodi ag allwedd y gweinydd (Ed25519)"},
    // Errors
    {"error.not_found", "Not found.", "Heb ei ganfod."},
    {"error.forbidden", "This page is not for your role.", "Nid yw'r dudalen hon ar gyfer eich rôl."},
    {"error.csrf", "This form has expired or did not come from this console. Go back, reload and try again.",
     "Mae'r ffurflen hon wedi dod i ben neu ni ddaeth o'r consol hwn. Ewch yn ôl, ail-lwythwch a rhowch "
     "gynnig arall."},
    {"error.server", "Something went wrong on the server. Nothing was lost; try again.",
     "Aeth rhywbeth o'i le ar y gweinydd. Ni chollwyd dim; rhowch gynnig arall."},
    // Administrators
    {"admin.heading", "Accounts, teams and devices", "Cyfrifon, timau a dyfeisiau"},
    {"admin.accounts", "Accounts", "Cyfrifon"},
    {"admin.devices", "Devices", "Dyfeisiau"},
    {"admin.account", "Account", "Cyfrif"},
    {"admin.role", "Role", "Rôl"},
    {"admin.team", "Team", "Tîm"},
    {"admin.active", "Active", "Gweithredol"},
    {"admin.yes", "yes", "ydy"},
    {"admin.no", "no", "nac ydy"},
    {"admin.deactivate", "Deactivate", "Dadactifadu"},
    {"admin.device", "Device", "Dyfais"},
    {"admin.created", "Enrolled", "Cofrestrwyd"},
    {"admin.last_seen", "Last synced", "Cysonwyd ddiwethaf"},
    {"admin.revoked", "Revoked", "Wedi'i ddirymu"},
    {"admin.revoke", "Revoke", "Dirymu"},
    {"admin.done", "Done.", "Wedi'i wneud."},
    {"admin.no_content", "Administrators manage accounts and devices; case content is not shown to them.",
     "Mae gweinyddwyr yn rheoli cyfrifon a dyfeisiau; ni ddangosir cynnwys achosion iddynt."},
    {"role.practitioner", "practitioner", "ymarferydd"},
    {"role.manager", "manager", "rheolwr"},
    {"role.administrator", "administrator", "gweinyddwr"},
    // Audits
    {"audits.heading", "Case audits", "Archwiliadau achos"},
    {"audits.sample", "Draw a random sample", "Tynnu sampl ar hap"},
    {"audits.of", "of the cases of", "o achosion"},
    {"audits.size", "How many cases", "Sawl achos"},
    {"audits.draw", "Draw", "Tynnu"},
    {"audits.none", "No audits yet.", "Dim archwiliadau eto."},
    {"audits.record", "Record an audit of case", "Cofnodi archwiliad o achos"},
    {"audits.recording", "Recording", "Cofnodi"},
    {"audits.analysis", "Analysis rather than description", "Dadansoddi yn hytrach na disgrifio"},
    {"audits.wishes", "The child's wishes and feelings", "Dymuniadau a theimladau'r plentyn"},
    {"audits.oversight", "Management oversight", "Goruchwyliaeth reoli"},
    {"audits.grade", "Overall grade", "Gradd gyffredinol"},
    {"audits.save", "Save the audit", "Cadw'r archwiliad"},
    {"audits.saved", "The audit is saved.", "Mae'r archwiliad wedi'i gadw."},
    {"audits.need_words", "Judge this in words.", "Barnwch hyn mewn geiriau."},
    {"audits.need_grade", "Choose an overall grade.", "Dewiswch radd gyffredinol."},
    {"audits.need_size", "Give a number from 1 to 20.", "Rhowch rif o 1 i 20."},
    {"audits.status", "Open or closed cases", "Achosion agored neu gaeedig"},
    {"audits.need_status", "Choose open, closed, or both.", "Dewiswch agored, caeedig, neu'r ddau."},
    {"case_status.any", "Open and closed", "Agored a chaeedig"},
    {"case_status.open", "Open", "Agored"},
    {"case_status.closed", "Closed", "Caeedig"},
    // Search
    {"search.heading", "Search your team's cases", "Chwilio achosion eich tîm"},
    {"search.label", "Case id or reference, child's name or id, or a record id",
     "Rhif neu gyfeirnod yr achos, enw neu rif y plentyn, neu rif cofnod"},
    {"search.submit", "Search", "Chwilio"},
    {"search.results", "Found", "Wedi'u canfod"},
    {"search.none", "Nothing found in your team's cases.", "Dim wedi'i ganfod yn achosion eich tîm."},
    {"search.no_records", "No records received yet.", "Dim cofnodion wedi dod i law eto."},
    {"search.more", "More cases match: type more of the name or reference.",
     "Mae mwy o achosion yn cyfateb: teipiwch fwy o'r enw neu'r cyfeirnod."},
    {"search.too_short", "Type at least 2 characters.", "Teipiwch o leiaf 2 nod."},
    {"search.too_long", "Type at most 100 characters.", "Teipiwch 100 nod ar y mwyaf."},
    {"audits.per_practitioner", "Audits per practitioner", "Archwiliadau fesul ymarferydd"},
    {"audits.date", "Date", "Dyddiad"},
    {"audits.sampled", "The sample", "Y sampl"},
    {"audits.no_cases", "This practitioner holds no cases.",
     "Nid oes gan yr ymarferydd hwn unrhyw achosion."},
    {"audits.auditor", "Audited by", "Archwiliwyd gan"},
    {"audits.intro", "Judge each area in words, then choose an overall grade.",
     "Barnwch bob maes mewn geiriau, yna dewiswch radd gyffredinol."},
    {"grade.outstanding", "Outstanding", "Rhagorol"},
    {"grade.good", "Good", "Da"},
    {"grade.requires_improvement", "Requires improvement", "Angen gwella"},
    {"grade.inadequate", "Inadequate", "Annigonol"},
};
} // namespace

Lang langFromCode(const std::string& code) {
    return code == "cy" ? Lang::Cy : Lang::En;
}

const char* langCode(Lang lang) {
    return lang == Lang::Cy ? "cy" : "en";
}

const char* tr(Lang lang, const char* key) {
    for (const auto& e : kText)
        if (std::strcmp(e.key, key) == 0) return lang == Lang::Cy ? e.cy : e.en;
    return key;
}

bool textTableComplete() {
    for (const auto& e : kText)
        if (!e.en || !e.cy || !*e.en || !*e.cy) return false;
    return true;
}

} // namespace heard::server::console
