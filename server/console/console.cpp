// The managers' console: routes and pages.
//
// [SECTION] HTML helpers
// [SECTION] Sessions and CSRF
// [SECTION] Sign-in (password, TOTP enrolment, TOTP)
// [SECTION] Queue
// [SECTION] Record view and the manager's note
// [SECTION] Administrators
// [SECTION] Routes
#include "server/console/console.h"

#include "base/hash.h"
#include "base/iso_time.h"
#include "base/json_reader.h"
#include "server/console/oversight.h"
#include "server/console/people.h"
#include "server/console/record_drawings.h"
#include "server/console/search.h"
#include "server/console/text.h"
#include "server/console/totp.h"
#include "storage/record_kinds.h"
#include "sync/protocol.h"

#include <httplib.h>
#include <sodium.h>

#include <map>
#include <sstream>

namespace heard::server::console {

using nlohmann::json;

namespace {

// [SECTION] HTML helpers ---------------------------------------------------------------------

std::string esc(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

const char* kStyle = R"css(
:root { --ink:#1f2933; --muted:#52606d; --line:#d9e2ec; --calm:#2f6f73; --calm-soft:#e6f2f2;
        --alert:#a8322d; --alert-soft:#fbeaea; --warn:#8a5a00; --warn-soft:#fff4dc; --paper:#fbfaf7; }
* { box-sizing: border-box; }
body { margin:0; font: 17px/1.5 "DejaVu Sans", "Noto Sans", sans-serif; color:var(--ink); background:var(--paper); }
a { color: var(--calm); }
.skip { position:absolute; left:-999px; } .skip:focus { left:1em; top:1em; background:#fff; padding:.5em; }
header { background:#fff; border-bottom:1px solid var(--line); padding:.6em 1.2em; display:flex; flex-wrap:wrap;
         gap:.6em 1.4em; align-items:center; }
header .brand { font-weight:bold; color:var(--calm); margin-right:auto; }
header nav { display:flex; flex-wrap:wrap; gap:.4em 1.2em; align-items:center; }
header form { display:inline; margin:0; }
main { max-width: 72em; margin: 0 auto; padding: 1.2em; }
h1 { font-size:1.5em; margin:.2em 0 .8em; } h2 { font-size:1.2em; margin:1.4em 0 .5em; }
section.card, .card { background:#fff; border:1px solid var(--line); border-radius:10px; padding:1em 1.2em; margin:0 0 1em; }
ul.queue { list-style:none; margin:0; padding:0; }
ul.queue li { display:flex; flex-wrap:wrap; gap:.3em 1em; align-items:baseline; padding:.7em 0; border-top:1px solid var(--line); }
ul.queue li:first-child { border-top:0; }
.tag { display:inline-block; padding:.05em .6em; border-radius:999px; font-size:.85em; background:var(--calm-soft); color:var(--calm); }
.tag.alert { background:var(--alert-soft); color:var(--alert); font-weight:bold; }
.tag.warn { background:var(--warn-soft); color:var(--warn); }
.muted { color:var(--muted); }
.words { font-size:1.2em; border-left:4px solid var(--alert); padding:.4em .8em; background:var(--alert-soft); }
.ok { color:var(--calm); font-weight:bold; } .bad { color:var(--alert); font-weight:bold; }
.notice { background:var(--calm-soft); border-radius:8px; padding:.6em .9em; }
.error, .field-error { color:var(--alert); }
.field-error { display:block; font-size:.95em; }
form.stack label { display:block; margin:.8em 0 .2em; font-weight:bold; }
input[type=text], input[type=password], input[type=date], input[type=number], textarea, select {
  font:inherit; width:100%; max-width:32em; padding:.55em; border:1px solid #9aa5b1; border-radius:8px; background:#fff; }
textarea { min-height:7em; }
button { font:inherit; min-height:48px; padding:.5em 1.2em; border-radius:8px; border:1px solid var(--calm);
         background:var(--calm); color:#fff; cursor:pointer; margin-top:1em; }
button.quiet { background:#fff; color:var(--calm); margin-top:0; min-height:40px; }
table { border-collapse:collapse; width:100%; } th, td { text-align:left; padding:.45em .5em; border-top:1px solid var(--line); vertical-align:top; }
dl.fields { display:grid; grid-template-columns: minmax(9em, 14em) 1fr; gap:.3em 1em; } dl.fields dt { font-weight:bold; }
dl.fields dd { margin:0; white-space:pre-wrap; overflow-wrap:anywhere; }
img.skin-map { display:block; max-width:100%; height:auto; border:1px solid var(--line); border-radius:8px; }
blockquote.cited { margin:.5em 0 .8em; padding:.4em .9em; border-left:4px solid var(--calm); background:var(--calm-soft); }
blockquote.cited p { margin:.2em 0; } blockquote.cited .answer { font-size:1.1em; }
.analysis-section { border-top:1px solid var(--line); padding-top:.3em; } .analysis-section h3 { font-size:1.05em; margin:.5em 0 .3em; }
.analysis-text { white-space:pre-wrap; } ul.legend { list-style:none; padding-left:0; }
svg.qr { width: 14em; height: 14em; display:block; margin: .6em 0; }
code.secret { font-size:1.2em; letter-spacing:.08em; }
@media (max-width: 800px) { body { font-size:16px; } main { padding:.8em; } dl.fields { grid-template-columns: 1fr; } }
)css";

struct Page {
    Lang lang = Lang::En;
    std::string accountName; // "" before sign-in
    std::string role;        // "manager" | "administrator" | ""
    std::string csrf;
};

std::string layout(const Page& p, const std::string& title, const std::string& body) {
    std::ostringstream o;
    o << "<!DOCTYPE html><html lang=\"" << langCode(p.lang) << "\"><head><meta charset=\"utf-8\">"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      << "<title>" << esc(title) << " - " << esc(tr(p.lang, "title")) << "</title>"
      << "<link rel=\"stylesheet\" href=\"/console/style.css\"></head><body>"
      << "<a class=\"skip\" href=\"#main\">" << esc(tr(p.lang, "skip"))
      << "</a><header><span class=\"brand\">" << esc(tr(p.lang, "title")) << "</span><nav>";
    if (!p.accountName.empty()) {
        if (p.role == "manager")
            o << "<a href=\"/console/queue\">" << esc(tr(p.lang, "nav.queue"))
              << "</a><a href=\"/console/search\">" << esc(tr(p.lang, "nav.search"))
              << "</a><a href=\"/console/audits\">" << esc(tr(p.lang, "nav.audits")) << "</a>";
        if (p.role == "administrator")
            o << "<a href=\"/console/admin\">" << esc(tr(p.lang, "nav.admin")) << "</a>";
        o << "<span class=\"muted\">" << esc(tr(p.lang, "signed_in_as")) << " " << esc(p.accountName)
          << "</span>"
          << "<form method=\"post\" action=\"/console/language\"><input type=\"hidden\" name=\"csrf\" "
             "value=\""
          << esc(p.csrf) << "\"><input type=\"hidden\" name=\"to\" value=\""
          << (p.lang == Lang::Cy ? "en" : "cy") << "\"><button class=\"quiet\" id=\"language\">"
          << esc(tr(p.lang, "nav.language")) << "</button></form>"
          << "<form method=\"post\" action=\"/console/signout\"><input type=\"hidden\" name=\"csrf\" value=\""
          << esc(p.csrf) << "\"><button class=\"quiet\" id=\"signout\">" << esc(tr(p.lang, "nav.signout"))
          << "</button></form>";
    } else {
        o << "<a id=\"language\" href=\"/console/signin?lang=" << (p.lang == Lang::Cy ? "en" : "cy") << "\">"
          << esc(tr(p.lang, "nav.language")) << "</a>";
    }
    o << "</nav></header><main id=\"main\">" << body << "</main></body></html>";
    return o.str();
}

void commonHeaders(httplib::Response& res) {
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; frame-ancestors 'none'; form-action 'self'");
    res.set_header("Cache-Control", "no-store");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Referrer-Policy", "no-referrer");
}

void sendHtml(httplib::Response& res, int status, const std::string& html) {
    commonHeaders(res);
    res.status = status;
    res.set_content(html, "text/html; charset=utf-8");
}

void redirect(httplib::Response& res, const std::string& to) {
    commonHeaders(res);
    res.status = 303;
    res.set_header("Location", to);
    res.set_content("", "text/plain");
}

std::string cookieValue(const httplib::Request& req, const std::string& name) {
    const std::string header = req.get_header_value("Cookie");
    std::size_t at = 0;
    while (at < header.size()) {
        std::size_t end = header.find(';', at);
        if (end == std::string::npos) end = header.size();
        std::string part = header.substr(at, end - at);
        while (!part.empty() && part.front() == ' ')
            part.erase(0, 1);
        if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
        at = end + 1;
    }
    return {};
}

bool sameText(const std::string& a, const std::string& b) {
    return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string kindLabel(Lang lang, const std::string& kind) {
    const std::string key = "kind." + kind;
    const char* text = tr(lang, key.c_str());
    return key == text ? kind : text;
}

std::string agoText(Lang lang, std::int64_t seconds) {
    if (seconds < 0) seconds = 0;
    const std::int64_t minutes = seconds / 60;
    if (minutes < 60) return std::to_string(minutes) + " " + tr(lang, "unit.minutes");
    if (minutes < 48 * 60)
        return std::to_string(minutes / 60) + " " + tr(lang, "unit.hours") + " " +
               std::to_string(minutes % 60) + " " + tr(lang, "unit.minutes");
    return std::to_string(minutes / (24 * 60)) + " " + tr(lang, "unit.days");
}

// A refused form shown again: what was typed, and the message next to each field that needs one.
struct FormEcho {
    const std::map<std::string, std::string>& values;
    const std::map<std::string, std::string>& errors;
    std::string value(const std::string& key) const {
        auto it = values.find(key);
        return it == values.end() ? std::string() : it->second;
    }
    // <span class="field-error" id="<key>-error">...</span>, or "" when the field is fine.
    std::string error(const std::string& key) const {
        auto it = errors.find(key);
        return it == errors.end()
                   ? std::string()
                   : "<span class=\"field-error\" id=\"" + key + "-error\">" + esc(it->second) + "</span>";
    }
};

bool validDate(const std::string& date, const std::string& todayIso) {
    if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
    try {
        base::parseIsoUtc(date + "T00:00:00Z");
    } catch (const std::invalid_argument&) {
        return false;
    }
    return date <= todayIso.substr(0, 10);
}

} // namespace

// [SECTION] Sessions and CSRF ----------------------------------------------------------------

struct Session {
    std::string tokenHash, stage, csrf;
    Lang lang = Lang::En;
    Account account;
};

struct Console::Impl {
    ServerStore& store;
    ConsoleConfig config;
    EnrolGuard guard;
    std::vector<RouteDeadlines> routes;

    std::shared_ptr<const NoteSigner> signer;

    Impl(ServerStore& s, ConsoleConfig c)
        : store(s), config(std::move(c)), guard(config.limits, s),
          routes(loadRouteDeadlines(config.safeguardingJsonPath)),
          signer(config.noteSigner ? config.noteSigner : NoteSigner::loadOrCreate(s)) {}

    std::int64_t nowMs() { return config.clockMs(); }
    base::TimePoint now() { return base::TimePoint(std::chrono::milliseconds(nowMs())); }
    std::string nowIso() { return base::formatIsoUtc(now()); }

    void log(json line) {
        if (config.log) config.log(std::move(line));
    }

    std::string cookie(const std::string& name, const std::string& value) const {
        return name + "=" + value + "; Path=/console; HttpOnly; SameSite=Strict" +
               (config.secureCookies ? "; Secure" : "");
    }

    // The session named by the request's cookie, if it exists, has not been idle too long and its
    // account is still active; touching it restarts the idle clock.
    std::optional<Session> session(const httplib::Request& req) {
        const std::string token = cookieValue(req, "heard_console");
        if (token.size() != 64) return std::nullopt;
        const std::string hash = base::blake2bHex(token);
        std::optional<Session> found;
        const std::int64_t now = nowMs();
        const std::int64_t idle =
            std::chrono::duration_cast<std::chrono::milliseconds>(config.idleTimeout).count();
        store.transact([&](SqlSession& sql) {
            auto rows = sql.query("SELECT account_id, stage, csrf, language, last_seen_ms FROM "
                                  "console_sessions WHERE token_hash = ?",
                                  {hash});
            if (rows.empty()) return;
            const auto& r = rows[0];
            if (now - std::stoll(r[4]) > idle) {
                sql.exec("DELETE FROM console_sessions WHERE token_hash = ?", {hash});
                return;
            }
            auto account = findAccount(sql, r[0]);
            if (!account || !account->active || account->role == Role::Practitioner) return;
            // Touched at most once every 30 s: the idle clock is that exact, and most page views
            // then write nothing (a commit is the slowest part of a page on PostgreSQL).
            if (now - std::stoll(r[4]) >= 30 * 1000)
                sql.exec("UPDATE console_sessions SET last_seen_ms = ? WHERE token_hash = ?", {now, hash});
            found = Session{hash, r[1], r[2], langFromCode(r[3]), *account};
        });
        return found;
    }

    // A new session (a new token at each stage, so a token seen before sign-in is worth nothing after).
    std::string newSession(const std::string& accountId, const std::string& stage, Lang lang,
                           const std::string& replacingHash = {}) {
        const std::string token = sync::randomHex(32);
        const std::string csrf = sync::randomHex(32);
        const std::int64_t now = nowMs();
        store.transact([&](SqlSession& sql) {
            if (!replacingHash.empty())
                sql.exec("DELETE FROM console_sessions WHERE token_hash = ?", {replacingHash});
            sql.exec(
                "INSERT INTO console_sessions(token_hash, account_id, stage, csrf, language, created_ms, "
                "last_seen_ms) VALUES(?,?,?,?,?,?,?)",
                {base::blake2bHex(token), accountId, stage, csrf, std::string(langCode(lang)), now, now});
        });
        return token;
    }

    // A form post is ours when its token matches and, if the browser names an Origin, it is this host.
    bool formIsOurs(const httplib::Request& req, const std::string& expectedToken) {
        const std::string origin = req.get_header_value("Origin");
        if (!origin.empty() && origin != "null") {
            const std::string host = req.get_header_value("Host");
            if (origin != "https://" + host && origin != "http://" + host) return false;
        }
        if (req.get_header_value("Sec-Fetch-Site") == "cross-site") return false;
        return sameText(req.get_param_value("csrf"), expectedToken);
    }

    Page pageFor(const Session& s) {
        return {s.lang, s.account.displayName, roleName(s.account.role), s.csrf};
    }

    void forbidden(httplib::Response& res, const Session& s) {
        sendHtml(res, 403,
                 layout(pageFor(s), tr(s.lang, "error.forbidden"),
                        "<h1>" + esc(tr(s.lang, "error.forbidden")) + "</h1>"));
    }
    void notFound(httplib::Response& res, const Page& p) {
        sendHtml(
            res, 404,
            layout(p, tr(p.lang, "error.not_found"), "<h1>" + esc(tr(p.lang, "error.not_found")) + "</h1>"));
    }
    void csrfRefused(httplib::Response& res, Lang lang) {
        log({{"event", "console_csrf_refused"}});
        sendHtml(res, 403,
                 layout({lang, {}, {}, {}}, tr(lang, "error.csrf"),
                        "<h1>" + esc(tr(lang, "error.csrf")) + "</h1>"));
    }

    // A signed-in session at the full stage, or a redirect to sign-in (nullopt).
    std::optional<Session> requireSignedIn(const httplib::Request& req, httplib::Response& res) {
        auto s = session(req);
        if (!s || s->stage != "full") {
            redirect(res, "/console/signin?expired=" +
                              std::string(s ? "0" : (cookieValue(req, "heard_console").empty() ? "0" : "1")));
            return std::nullopt;
        }
        return s;
    }

    // [SECTION] Sign-in ----------------------------------------------------------------------

    std::string lockoutKey(const std::string& name) { return "console/" + name; }

    void signinPage(const httplib::Request& req, httplib::Response& res, int status = 200,
                    const std::string& error = {}, const std::string& name = {}) {
        Lang lang = langFromCode(req.get_param_value("lang"));
        if (req.has_param("lang_form")) lang = langFromCode(req.get_param_value("lang_form"));
        const std::string preToken = sync::randomHex(32);
        res.set_header("Set-Cookie", cookie("heard_signin", preToken));
        std::ostringstream b;
        b << "<h1>" << esc(tr(lang, "signin.heading")) << "</h1><section class=\"card\">";
        if (req.get_param_value("expired") == "1")
            b << "<p class=\"notice\">" << esc(tr(lang, "signin.expired")) << "</p>";
        b << "<form class=\"stack\" method=\"post\" action=\"/console/signin\" id=\"signin\">"
          << "<input type=\"hidden\" name=\"csrf\" value=\"" << preToken << "\">"
          << "<input type=\"hidden\" name=\"lang_form\" value=\"" << langCode(lang) << "\">"
          << "<label for=\"name\">" << esc(tr(lang, "signin.name")) << "</label>"
          << "<input type=\"text\" id=\"name\" name=\"name\" autocomplete=\"username\" value=\"" << esc(name)
          << "\">"
          << "<label for=\"password\">" << esc(tr(lang, "signin.password")) << "</label>"
          << "<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\">";
        if (!error.empty())
            b << "<span class=\"field-error\" id=\"signin-error\">" << esc(error) << "</span>";
        b << "<button type=\"submit\" id=\"continue\">" << esc(tr(lang, "signin.submit"))
          << "</button></form></section>";
        sendHtml(res, status, layout({lang, {}, {}, {}}, tr(lang, "signin.heading"), b.str()));
    }

    std::string lockedText(Lang lang, std::int64_t wait) {
        return std::string(tr(lang, "signin.locked")) + " " + std::to_string(wait) + " " +
               tr(lang, "signin.seconds");
    }

    void signinPost(const httplib::Request& req, httplib::Response& res) {
        const Lang lang = langFromCode(req.get_param_value("lang_form"));
        if (!formIsOurs(req, cookieValue(req, "heard_signin"))) return csrfRefused(res, lang);
        const std::string name = req.get_param_value("name");
        const std::string password = req.get_param_value("password");
        const std::int64_t now = nowMs();
        if (std::int64_t wait = guard.retryAfter(lockoutKey(name), req.remote_addr, now); wait > 0) {
            res.set_header("Retry-After", std::to_string(wait));
            log({{"event", "console_signin"}, {"status", 429}});
            return signinPage(req, res, 429, lockedText(lang, wait), name);
        }
        auto slot = guard.tryHashSlot();
        if (!slot) return signinPage(req, res, 503, tr(lang, "error.server"), name);
        std::optional<Account> account;
        store.transact([&](SqlSession& sql) { account = findAccount(sql, name); });
        const bool known = account && account->active && account->role != Role::Practitioner;
        const bool ok = config.passwordCheck(known ? account->passwordHash : dummyPasswordHash(), password);
        if (!known || !ok) {
            guard.failed(lockoutKey(name), req.remote_addr, now);
            log({{"event", "console_signin"}, {"status", 401}});
            if (std::int64_t wait = guard.retryAfter(lockoutKey(name), req.remote_addr, now); wait > 0) {
                res.set_header("Retry-After", std::to_string(wait));
                return signinPage(req, res, 429, lockedText(lang, wait), name);
            }
            return signinPage(req, res, 401, tr(lang, "signin.wrong"), name);
        }
        // The password is right: the second factor next (the lockout count is cleared only after it).
        bool enrolled = false;
        store.transact([&](SqlSession& sql) {
            auto rows = sql.query("SELECT confirmed FROM console_totp WHERE account_id = ?", {account->id});
            enrolled = !rows.empty() && rows[0][0] == "1";
        });
        const std::string token = newSession(account->id, "password", lang);
        res.set_header("Set-Cookie", cookie("heard_console", token));
        log({{"event", "console_signin"}, {"status", 200}, {"stage", "password"}});
        redirect(res, enrolled ? "/console/totp" : "/console/enrol");
    }

    // The secret of the account, made (unconfirmed) on first use.
    std::pair<std::string, bool> totpSecret(const std::string& accountId, bool create) {
        std::string secret;
        bool confirmed = false;
        store.transact([&](SqlSession& sql) {
            auto rows =
                sql.query("SELECT secret, confirmed FROM console_totp WHERE account_id = ?", {accountId});
            if (!rows.empty()) {
                secret = base32Decode(rows[0][0]).value_or("");
                confirmed = rows[0][1] == "1";
            } else if (create) {
                secret = newTotpSecret();
                sql.exec("INSERT INTO console_totp(account_id, secret, confirmed, last_step) VALUES(?,?,0,0)",
                         {accountId, base32Encode(secret)});
            }
        });
        return {secret, confirmed};
    }

    void codePage(const Session& s, httplib::Response& res, bool enrolling, int status = 200,
                  const std::string& error = {}) {
        const Lang lang = s.lang;
        std::ostringstream b;
        const char* action = enrolling ? "/console/enrol" : "/console/totp";
        b << "<h1>" << esc(tr(lang, enrolling ? "enrol.heading" : "totp.heading"))
          << "</h1><section class=\"card\">";
        if (enrolling) {
            auto [secret, confirmed] = totpSecret(s.account.id, true);
            (void)confirmed;
            const std::string b32 = base32Encode(secret);
            b << "<p>" << esc(tr(lang, "enrol.scan")) << "</p>"
              << qrSvg(otpauthUri("Heard", s.account.id, b32)) << "<p>" << esc(tr(lang, "enrol.type"))
              << " <code class=\"secret\" id=\"secret\">" << esc(groupedForTyping(b32)) << "</code></p><p>"
              << esc(tr(lang, "enrol.confirm")) << "</p>";
        }
        b << "<form class=\"stack\" method=\"post\" action=\"" << action << "\" id=\"totp\">"
          << "<input type=\"hidden\" name=\"csrf\" value=\"" << esc(s.csrf) << "\">"
          << "<label for=\"code\">" << esc(tr(lang, "totp.code")) << "</label>"
          << "<input type=\"text\" id=\"code\" name=\"code\" inputmode=\"numeric\" "
             "autocomplete=\"one-time-code\" "
             "maxlength=\"6\">";
        if (!error.empty()) b << "<span class=\"field-error\" id=\"code-error\">" << esc(error) << "</span>";
        b << "<button type=\"submit\" id=\"continue\">" << esc(tr(lang, "signin.submit"))
          << "</button></form></section>";
        sendHtml(res, status,
                 layout({lang, {}, {}, {}}, tr(lang, enrolling ? "enrol.heading" : "totp.heading"), b.str()));
    }

    void codeGet(const httplib::Request& req, httplib::Response& res, bool enrolling) {
        auto s = session(req);
        if (!s || s->stage != "password") return redirect(res, "/console/signin");
        auto [secret, confirmed] = totpSecret(s->account.id, false);
        if (enrolling && confirmed) return redirect(res, "/console/totp");
        if (!enrolling && !confirmed) return redirect(res, "/console/enrol");
        codePage(*s, res, enrolling);
    }

    void codePost(const httplib::Request& req, httplib::Response& res, bool enrolling) {
        auto s = session(req);
        if (!s || s->stage != "password") return redirect(res, "/console/signin");
        if (!formIsOurs(req, s->csrf)) return csrfRefused(res, s->lang);
        const std::int64_t now = nowMs();
        const std::string key = lockoutKey(s->account.id);
        if (std::int64_t wait = guard.retryAfter(key, req.remote_addr, now); wait > 0) {
            res.set_header("Retry-After", std::to_string(wait));
            log({{"event", "console_totp"}, {"status", 429}});
            return codePage(*s, res, enrolling, 429, lockedText(s->lang, wait));
        }
        std::string code = req.get_param_value("code");
        code.erase(std::remove(code.begin(), code.end(), ' '), code.end());
        if (code.size() != 6 || code.find_first_not_of("0123456789") != std::string::npos)
            return codePage(*s, res, enrolling, 400, tr(s->lang, "totp.bad_format"));
        bool accepted = false;
        store.transact([&](SqlSession& sql) {
            auto rows =
                sql.query("SELECT secret, confirmed, last_step FROM console_totp WHERE account_id = ?",
                          {s->account.id});
            if (rows.empty() || (rows[0][1] == "1") == enrolling) return;
            auto secret = base32Decode(rows[0][0]);
            if (!secret) return;
            auto step = totpAccept(*secret, code, now / 1000, std::stoll(rows[0][2]));
            if (!step) return;
            sql.exec("UPDATE console_totp SET confirmed = 1, last_step = ? WHERE account_id = ?",
                     {*step, s->account.id});
            writeServerAudit(sql, s->account.id, enrolling ? "console_totp_enrolled" : "console_signin", "",
                             "");
            accepted = true;
        });
        if (!accepted) {
            guard.failed(key, req.remote_addr, now);
            log({{"event", "console_totp"}, {"status", 401}});
            // The failure that reaches the limit says so at once.
            if (std::int64_t wait = guard.retryAfter(key, req.remote_addr, now); wait > 0) {
                res.set_header("Retry-After", std::to_string(wait));
                return codePage(*s, res, enrolling, 429, lockedText(s->lang, wait));
            }
            return codePage(*s, res, enrolling, 401, tr(s->lang, "totp.wrong"));
        }
        guard.succeeded(key);
        const std::string token = newSession(s->account.id, "full", s->lang, s->tokenHash);
        res.set_header("Set-Cookie", cookie("heard_console", token));
        log({{"event", "console_signin"}, {"status", 200}, {"stage", "full"}});
        redirect(res, "/console/");
    }

    // [SECTION] Queue ------------------------------------------------------------------------

    void queuePage(const Session& s, httplib::Response& res) {
        const Lang lang = s.lang;
        std::vector<QueueItem> items;
        const auto now = this->now();
        store.transact([&](SqlSession& sql) {
            indexNewRecords(store, sql, routes);
            items = buildQueue(sql, s.account, now); // a list of ids, not a record view: not audited
        });
        std::ostringstream b;
        b << "<h1>" << esc(tr(lang, "queue.heading")) << "</h1>";
        if (s.account.teamId.empty()) b << "<p class=\"notice\">" << esc(tr(lang, "queue.no_team")) << "</p>";
        const std::pair<QueueSection, const char*> sections[] = {
            {QueueSection::Urgent, "queue.urgent"},
            {QueueSection::FollowUps, "queue.followups"},
            {QueueSection::AwaitingReview, "queue.review"},
            {QueueSection::QuietDevices, "queue.devices"}};
        const char* ids[] = {"urgent", "followups", "review", "devices"};
        int index = 0;
        for (const auto& [section, heading] : sections) {
            b << "<section class=\"card\" id=\"" << ids[index++] << "\"><h2>" << esc(tr(lang, heading))
              << "</h2><ul class=\"queue\">";
            int count = 0;
            for (const auto& item : items) {
                if (item.section != section) continue;
                ++count;
                b << "<li class=\"item\" data-record=\"" << esc(item.recordId) << "\">";
                const bool urgent = section == QueueSection::Urgent;
                b << "<span class=\"tag"
                  << (urgent                               ? " alert"
                      : section == QueueSection::FollowUps ? " warn"
                                                           : "")
                  << "\">" << esc(kindLabel(lang, item.kind)) << "</span>";
                std::int64_t ago = 0;
                try {
                    ago =
                        std::chrono::duration_cast<std::chrono::seconds>(now - base::parseIsoUtc(item.since))
                            .count();
                } catch (const std::invalid_argument&) {
                }
                if (section == QueueSection::QuietDevices) {
                    b << "<span>" << esc(item.deviceId) << "</span><span class=\"muted\">"
                      << esc(tr(lang, "queue.practitioner")) << ": " << esc(item.practitionerId)
                      << "</span><span>" << esc(tr(lang, "queue.last_seen")) << " " << esc(agoText(lang, ago))
                      << " " << esc(tr(lang, "queue.ago")) << "</span></li>";
                    continue;
                }
                b << "<span>" << esc(tr(lang, "queue.case")) << " " << esc(item.caseId)
                  << "</span><span class=\"muted\">" << esc(tr(lang, "queue.practitioner")) << ": "
                  << esc(item.practitionerId) << "</span>";
                if (urgent)
                    b << "<span class=\"since\">" << esc(tr(lang, "queue.said_ago")) << " "
                      << esc(agoText(lang, ago)) << " " << esc(tr(lang, "queue.ago")) << "</span>";
                else if (section == QueueSection::FollowUps)
                    b << "<span class=\"due\" data-late=\"" << item.workingDaysLate << "\" data-due=\""
                      << esc(item.since) << "\" data-follow-up=\"" << esc(item.followUpId) << "\">"
                      << esc(item.followUpId) << ": "
                      << (item.workingDaysLate == 0 ? std::string(tr(lang, "queue.due_today"))
                                                    : std::string(tr(lang, "queue.overdue_by")) + " " +
                                                          std::to_string(item.workingDaysLate))
                      << "</span>";
                else
                    b << "<span class=\"muted\">" << esc(item.since) << "</span>";
                b << "<a href=\"/console/record/" << esc(item.recordId) << "\">"
                  << esc(tr(lang, "queue.open")) << "</a></li>";
            }
            if (count == 0) b << "<li class=\"muted\">" << esc(tr(lang, "queue.none")) << "</li>";
            b << "</ul></section>";
        }
        sendHtml(res, 200, layout(pageFor(s), tr(lang, "queue.heading"), b.str()));
    }

    // [SECTION] Search -----------------------------------------------------------------------

    void searchPage(const Session& s, const httplib::Request& req, httplib::Response& res) {
        const Lang lang = s.lang;
        const bool asked = req.has_param("q");
        const std::string query = req.get_param_value("q");
        const std::string problem = asked ? searchQueryProblem(query) : std::string();
        std::vector<CaseHit> hits;
        bool more = false;
        if (asked && problem.empty())
            store.transact([&](SqlSession& sql) {
                indexNewRecords(store, sql, routes);
                hits = searchCases(sql, s.account, query, &more);
            });
        std::ostringstream b;
        b << "<h1>" << esc(tr(lang, "search.heading")) << "</h1><section class=\"card\">"
          << "<form class=\"stack\" method=\"get\" action=\"/console/search\" id=\"search-form\">"
          << "<label for=\"q\">" << esc(tr(lang, "search.label")) << "</label>"
          << "<input type=\"text\" id=\"q\" name=\"q\" maxlength=\"100\" value=\"" << esc(query) << "\">";
        if (!problem.empty())
            b << "<span class=\"field-error\" id=\"q-error\">" << esc(tr(lang, problem.c_str())) << "</span>";
        b << "<button type=\"submit\" id=\"search\">" << esc(tr(lang, "search.submit")) << "</button></form>";
        if (asked && problem.empty()) {
            b << "<h2>" << esc(tr(lang, "search.results")) << "</h2><ul class=\"queue\" id=\"results\">";
            if (hits.empty()) b << "<li class=\"muted\">" << esc(tr(lang, "search.none")) << "</li>";
            for (const auto& hit : hits) {
                b << "<li class=\"item\" data-case=\"" << esc(hit.caseId) << "\"><span><strong>"
                  << esc(tr(lang, "queue.case")) << " " << esc(hit.caseId) << "</strong> "
                  << esc(hit.caseReference) << "</span><span>" << esc(hit.childName) << " ("
                  << esc(hit.childId) << ")</span><span class=\"muted\">"
                  << esc(tr(lang, "queue.practitioner")) << ": " << esc(hit.practitionerId)
                  << "</span><span class=\"tag\">" << esc(tr(lang, ("case_status." + hit.status).c_str()))
                  << "</span>";
                if (hit.records.empty())
                    b << "<span class=\"muted\">" << esc(tr(lang, "search.no_records")) << "</span>";
                for (const auto& rec : hit.records)
                    b << "<a class=\"record\" data-record=\"" << esc(rec.itemId)
                      << "\" href=\"/console/record/" << esc(rec.itemId) << "\">"
                      << esc(kindLabel(lang, rec.kind)) << " " << esc(rec.signedAt.substr(0, 10)) << "</a>";
                b << "</li>";
            }
            b << "</ul>";
            if (more) b << "<p class=\"muted\">" << esc(tr(lang, "search.more")) << "</p>";
        }
        b << "</section>";
        sendHtml(res, problem.empty() ? 200 : 400, layout(pageFor(s), tr(lang, "search.heading"), b.str()));
    }

    // [SECTION] Record view and the manager's note ----------------------------------------

    void recordPage(const Session& s, const std::string& itemId, httplib::Response& res, int status = 200,
                    const std::map<std::string, std::string>& errors = {}, const std::string& notice = {},
                    const std::map<std::string, std::string>& values = {}) {
        const Lang lang = s.lang;
        std::optional<IndexedRecord> record;
        std::optional<StoredRecord> stored;
        std::vector<IndexedRecord> addenda;
        std::vector<OversightNote> notes;
        std::string chainProblem;
        std::optional<AnalysisView> analysis;
        store.transact([&](SqlSession& sql) {
            indexNewRecords(store, sql, routes);
            record = findRecordInScope(sql, s.account, itemId);
            if (!record) return;
            stored = storedRecord(store, sql, record->receivedSeq);
            if (stored && record->kind == storage::kinds::kConflictAnalysis) {
                json body = json::parse(stored->body, nullptr, false);
                analysis = conflictAnalysisView(
                    body.is_object() && body.contains("payload") ? body["payload"] : json::object(),
                    record->childId, lang,
                    [&](const std::string& id) { return bodyInScope(sql, s.account, id); });
            }
            addenda = addendaOf(sql, itemId);
            notes = notesForRecord(store, sql, itemId);
            // Every view of a record is in the server's audit log: who saw what, when.
            writeServerAudit(sql, s.account.id, "view_record", itemId, "v" + std::to_string(record->version));
            if (stored) {
                json body = json::parse(stored->body, nullptr, false);
                chainProblem = chainLinkProblem(sql, record->caseId, stored->deviceId, stored->chainSeq,
                                                body.is_object() && body.contains("prevHash") &&
                                                        body["prevHash"].is_string()
                                                    ? body["prevHash"].get<std::string>()
                                                    : std::string("?"));
            }
        });
        if (!record || !stored) return notFound(res, pageFor(s));
        json body = json::parse(stored->body, nullptr, false);
        std::string hashProblem = "unreadable";
        if (body.is_object()) {
            try {
                hashProblem = config.verifyRecordHash("record", body, stored->body);
            } catch (const std::exception& e) {
                hashProblem = "check_failed";
            }
        }
        if (hashProblem.empty() && body.value("hash", std::string()) != stored->hash)
            hashProblem = "hash_differs";
        json payload = body.is_object() && body.contains("payload") ? body["payload"] : json::object();
        std::ostringstream b;
        b << "<h1>" << esc(kindLabel(lang, record->kind))
          << "</h1><section class=\"card\"><dl class=\"fields\">"
          << "<dt>" << esc(tr(lang, "record.case")) << "</dt><dd>" << esc(record->caseId) << "</dd>"
          << "<dt>" << esc(tr(lang, "record.child")) << "</dt><dd>" << esc(record->childId) << "</dd>"
          << "<dt>" << esc(tr(lang, "record.author")) << "</dt><dd>" << esc(record->practitionerId) << "</dd>"
          << "<dt>" << esc(tr(lang, "record.signed_at")) << "</dt><dd>" << esc(record->signedAt) << "</dd>"
          << "<dt>" << esc(tr(lang, "record.version")) << "</dt><dd>" << record->version << "</dd>"
          << "<dt>" << esc(tr(lang, "record.check")) << "</dt><dd id=\"verification\">";
        if (hashProblem.empty() && chainProblem.empty())
            b << "<span class=\"ok\">" << esc(tr(lang, "record.check_ok")) << "</span>";
        else
            b << "<span class=\"bad\">" << esc(tr(lang, "record.check_failed")) << " "
              << esc(hashProblem.empty() ? chainProblem : hashProblem) << "</span>";
        b << "<br><span class=\"muted\">" << esc(stored->hash) << "</span></dd></dl></section>";
        if (payload.is_object() && payload.contains("child_words") && payload["child_words"].is_string())
            b << "<h2>" << esc(tr(lang, "record.child_words"))
              << "</h2><p class=\"words\" id=\"child-words\">"
              << esc(payload["child_words"].get<std::string>()) << "</p>";
        if (record->kind == storage::kinds::kSkinMap) b << skinMapSection(lang, itemId, payload);
        if (analysis) b << analysisSection(lang, *analysis);
        b << "<h2>" << esc(tr(lang, "record.contents"))
          << "</h2><section class=\"card\"><dl class=\"fields\">";
        if (payload.is_object())
            for (auto it = payload.begin(); it != payload.end(); ++it) {
                if (it.key().find("signature") != std::string::npos) continue;
                // Drawn above already: the marks as the picture and legend, the analysis by section.
                if ((record->kind == storage::kinds::kSkinMap && it.key() == "marks") ||
                    (analysis && (it.key() == "sections" || it.key() == "indicators")))
                    continue;
                std::string value = it->is_string() ? it->get<std::string>() : it->dump(1);
                if (value.empty() || value == "\"\"" || value == "[]" || value == "{}") continue;
                b << "<dt>" << esc(it.key()) << "</dt><dd>" << esc(value) << "</dd>";
            }
        b << "</dl></section><h2>" << esc(tr(lang, "record.addenda")) << "</h2><section class=\"card\">";
        if (addenda.empty()) b << "<p class=\"muted\">" << esc(tr(lang, "record.no_addenda")) << "</p>";
        for (const auto& a : addenda)
            b << "<p><a href=\"/console/record/" << esc(a.itemId) << "\">" << esc(kindLabel(lang, a.kind))
              << "</a> " << esc(a.signedAt) << "</p>";
        b << "</section><h2>" << esc(tr(lang, "record.notes"))
          << "</h2><section class=\"card\" id=\"notes\">";
        if (!notice.empty()) b << "<p class=\"notice\" id=\"notice\">" << esc(notice) << "</p>";
        if (notes.empty()) b << "<p class=\"muted\">" << esc(tr(lang, "record.no_notes")) << "</p>";
        for (const auto& n : notes) {
            const std::string decisionKey = "decision." + n.decision;
            b << "<div class=\"note\"><p><span class=\"tag\">" << esc(tr(lang, "kind.manager_note"))
              << "</span> <strong>" << esc(tr(lang, decisionKey.c_str())) << "</strong> " << esc(n.noteDate)
              << " " << esc(tr(lang, "note.by")) << " " << esc(n.authorName) << "</p><p>" << esc(n.note)
              << "</p><p class=\"muted\">" << esc(tr(lang, "note.signed_hash")) << " "
              << esc(n.signature.substr(0, 16)) << "…</p></div>";
        }
        const FormEcho form{values, errors};
        auto value = [&](const std::string& k) { return form.value(k); };
        auto error = [&](const std::string& k) { return form.error(k); };
        const std::string today = nowIso().substr(0, 10);
        b << "<form class=\"stack\" method=\"post\" action=\"/console/record/" << esc(itemId)
          << "/note\" id=\"note-form\">"
          << "<h2>" << esc(tr(lang, "note.heading")) << "</h2>"
          << "<input type=\"hidden\" name=\"csrf\" value=\"" << esc(s.csrf) << "\">"
          << "<input type=\"hidden\" name=\"form_id\" value=\"" << sync::randomHex(16) << "\">"
          << "<label for=\"decision\">" << esc(tr(lang, "note.decision"))
          << "</label><select id=\"decision\" "
             "name=\"decision\"><option value=\"\"></option>";
        for (const auto& d : noteDecisions()) {
            const std::string key = "decision." + d;
            b << "<option value=\"" << d << "\"" << (value("decision") == d ? " selected" : "") << ">"
              << esc(tr(lang, key.c_str())) << "</option>";
        }
        b << "</select>" << error("decision") << "<label for=\"note\">" << esc(tr(lang, "note.text"))
          << "</label><textarea id=\"note\" name=\"note\" maxlength=\"4000\">" << esc(value("note"))
          << "</textarea>" << error("note") << "<label for=\"date\">" << esc(tr(lang, "note.date"))
          << "</label><input type=\"text\" id=\"date\" name=\"date\" value=\""
          << esc(values.count("date") ? value("date") : today) << "\">" << error("date")
          << "<button type=\"submit\" id=\"sign-note\">" << esc(tr(lang, "note.submit"))
          << "</button></form></section>";
        sendHtml(res, status, layout(pageFor(s), kindLabel(lang, record->kind), b.str()));
    }

    // A record the viewer may see, as the tablet's code reads it (for the analysis's citations).
    std::optional<ReceivedBody> bodyInScope(SqlSession& sql, const Account& viewer, const std::string& id) {
        auto rec = findRecordInScope(sql, viewer, id);
        if (!rec) return std::nullopt;
        auto stored = storedRecord(store, sql, rec->receivedSeq);
        if (!stored) return std::nullopt;
        json body = json::parse(stored->body, nullptr, false);
        if (!body.is_object()) return std::nullopt;
        auto text = [&](const char* name) {
            return body.contains(name) && body[name].is_string() ? body[name].get<std::string>()
                                                                 : std::string();
        };
        return ReceivedBody{rec->itemId,   rec->kind,
                            rec->caseId,   rec->childId,
                            rec->parentId, text("createdAt"),
                            rec->signedAt, body.contains("payload") ? body["payload"] : json()};
    }

    // The skin map drawn from its marks (the picture is its own request: CSP allows images from
    // 'self'), and its legend in words for anyone who cannot see the picture.
    std::string skinMapSection(Lang lang, const std::string& itemId, const json& payload) {
        std::ostringstream b;
        b << "<h2>" << esc(tr(lang, "record.skin_map"))
          << "</h2><section class=\"card\" id=\"skin-map-card\">"
          << "<img class=\"skin-map\" id=\"skin-map\" src=\"/console/record/" << esc(itemId)
          << "/skin-map.png\" alt=\"" << esc(tr(lang, "record.skin_map_alt"))
          << "\"><ul class=\"legend\" id=\"skin-map-legend\">";
        for (const auto& line : skinMapLegend(payload, lang))
            b << "<li>" << esc(line) << "</li>";
        b << "</ul></section>";
        return b.str();
    }

    // The conflict analysis section by section, each with the child's answers it cites.
    std::string analysisSection(Lang lang, const AnalysisView& view) {
        std::ostringstream b;
        b << "<h2>" << esc(tr(lang, "record.analysis")) << "</h2><section class=\"card\" id=\"analysis\">";
        if (!view.error.empty())
            b << "<p class=\"bad\">" << esc(tr(lang, "record.analysis_unreadable")) << " " << esc(view.error)
              << "</p>";
        for (const auto& section : view.sections) {
            b << "<div class=\"analysis-section\" data-section=\"" << esc(section.id) << "\"><h3>"
              << esc(section.title) << "</h3>";
            if (section.notApplicable)
                b << "<p class=\"muted\">" << esc(tr(lang, "record.considered")) << "</p>";
            if (!section.text.empty()) b << "<p class=\"analysis-text\">" << esc(section.text) << "</p>";
            for (const auto& c : section.cited) {
                b << "<blockquote class=\"cited\" data-record=\"" << esc(c.recordId) << "\" data-step=\""
                  << esc(c.stepId) << "\">";
                if (!c.found) {
                    b << "<p class=\"muted\">" << esc(tr(lang, "record.cited_missing"))
                      << "</p></blockquote>";
                    continue;
                }
                b << "<p class=\"muted\">" << esc(c.source) << ", " << esc(c.date) << ": " << esc(c.question)
                  << "</p><p class=\"answer\">" << esc(c.answer) << "</p><p class=\"muted\">"
                  << esc(tr(lang, c.ownWords ? "record.own_words" : "record.chosen"))
                  << " <a href=\"/console/record/" << esc(c.recordId) << "\">"
                  << esc(tr(lang, "record.open_cited")) << "</a></p></blockquote>";
            }
            b << "</div>";
        }
        if (!view.indicators.empty()) {
            b << "<h3>" << esc(tr(lang, "record.indicators")) << "</h3><dl class=\"fields\">";
            for (const auto& [title, note] : view.indicators)
                b << "<dt>" << esc(title) << "</dt><dd>" << esc(note) << "</dd>";
            b << "</dl>";
        }
        if (!view.judgement.empty())
            b << "<p><strong>" << esc(tr(lang, "record.judgement")) << "</strong> <span id=\"judgement\">"
              << esc(view.judgement) << "</span></p>";
        b << "</section>";
        return b.str();
    }

    // The skin map picture of a record in scope (a view of the record: audited).
    void skinMapImage(const Session& s, const std::string& itemId, httplib::Response& res) {
        std::optional<StoredRecord> stored;
        store.transact([&](SqlSession& sql) {
            auto record = findRecordInScope(sql, s.account, itemId);
            if (!record || record->kind != storage::kinds::kSkinMap) return;
            stored = storedRecord(store, sql, record->receivedSeq);
            writeServerAudit(sql, s.account.id, "view_skin_map", itemId,
                             "v" + std::to_string(record->version));
        });
        if (!stored) return notFound(res, pageFor(s));
        json body = json::parse(stored->body, nullptr, false);
        std::string error;
        const std::string png =
            skinMapPng(body.is_object() && body.contains("payload") ? body["payload"] : json::object(),
                       s.lang, 900, error);
        if (png.empty()) {
            log({{"event", "console_skin_map"}, {"status", 500}, {"error", error}});
            return notFound(res, pageFor(s));
        }
        commonHeaders(res);
        res.status = 200;
        res.set_content(png, "image/png");
    }

    void notePost(const Session& s, const std::string& itemId, const httplib::Request& req,
                  httplib::Response& res) {
        if (!formIsOurs(req, s.csrf)) return csrfRefused(res, s.lang);
        const Lang lang = s.lang;
        std::map<std::string, std::string> errors, values;
        const std::string decision = req.get_param_value("decision");
        const std::string note = req.get_param_value("note");
        const std::string date = req.get_param_value("date");
        const std::string formId = req.get_param_value("form_id");
        values = {{"decision", decision}, {"note", note}, {"date", date}};
        const auto& decisions = noteDecisions();
        if (std::find(decisions.begin(), decisions.end(), decision) == decisions.end())
            errors["decision"] = tr(lang, "note.need_decision");
        bool blank = note.find_first_not_of(" \t\r\n") == std::string::npos;
        if (blank || note.size() > 4000) errors["note"] = tr(lang, "note.need_text");
        if (!validDate(date, nowIso())) errors["date"] = tr(lang, "note.bad_date");
        if (formId.size() != 32 || formId.find_first_not_of("0123456789abcdef") != std::string::npos)
            return csrfRefused(res, lang);
        std::string problem;
        bool found = false;
        if (errors.empty())
            store.transact([&](SqlSession& sql) {
                auto record = findRecordInScope(sql, s.account, itemId);
                if (!record) return;
                found = true;
                problem = writeNote(store, sql, *signer, s.account, *record, formId, decision, note, date);
            });
        else {
            return recordPage(s, itemId, res, 400, errors, {}, values);
        }
        if (!found) return notFound(res, pageFor(s));
        if (problem == "duplicate") return recordPage(s, itemId, res, 409, {}, tr(lang, "note.duplicate"));
        log({{"event", "console_note"}, {"status", 200}});
        redirect(res, "/console/record/" + itemId + "?saved=1");
    }

    // [SECTION] Case audits (item 6) ---------------------------------------------------------

    static const std::vector<std::string>& grades() {
        static const std::vector<std::string> list = {"outstanding", "good", "requires_improvement",
                                                      "inadequate"};
        return list;
    }
    static bool sampleStatusValid(const std::string& status) {
        return status == "any" || status == "open" || status == "closed";
    }
    static const std::vector<std::string>& auditAreas() {
        static const std::vector<std::string> list = {"recording", "analysis", "wishes", "oversight"};
        return list;
    }

    void auditsPage(const Session& s, const httplib::Request& req, httplib::Response& res, int status = 200,
                    const std::string& sizeError = {}) {
        const Lang lang = s.lang;
        std::vector<Account> practitioners;
        std::vector<SqlRow> audits;
        std::vector<std::string> sample;
        const std::string chosen = req.get_param_value("practitioner");
        int size = 0;
        if (req.has_param("size")) {
            try {
                size = std::stoi(req.get_param_value("size"));
            } catch (const std::exception&) {
                size = 0;
            }
        }
        // Open, closed or either (item 6: "a random sample of a practitioner's closed or open cases").
        const std::string caseStatus = req.has_param("status") ? req.get_param_value("status") : "any";
        const bool drawing = req.has_param("practitioner") && sizeError.empty() && size >= 1 && size <= 20 &&
                             sampleStatusValid(caseStatus);
        std::map<std::string, std::string> statusOf; // sampled case -> "open" | "closed"
        store.transact([&](SqlSession& sql) {
            for (auto& a : accountsInTeam(sql, s.account.teamId.empty() ? "\n" : s.account.teamId))
                if (a.role == Role::Practitioner) practitioners.push_back(a);
            audits = sql.query(
                "SELECT a.practitioner_id, a.written_at, a.case_id, a.grade, a.auditor FROM case_audits a "
                "WHERE a.case_id IN (" +
                    std::string(teamCasesSql()) + ") ORDER BY a.practitioner_id, a.written_at",
                {scopeParam(s.account)});
            if (drawing) {
                // Every case the practitioner holds in the manager's scope, then a uniform random pick.
                for (const auto& r : sql.query(
                         "SELECT t.case_id, COALESCE(cs.status, 'open') FROM (" +
                             std::string(teamCasesSql()) +
                             ") t LEFT JOIN case_status cs ON cs.case_id = t.case_id WHERE t.case_id IN "
                             "(SELECT case_id FROM cases WHERE practitioner_id = ?) AND (? = 'any' OR "
                             "COALESCE(cs.status, 'open') = ?) ORDER BY t.case_id",
                         {scopeParam(s.account), chosen, caseStatus, caseStatus})) {
                    sample.push_back(r[0]);
                    statusOf[r[0]] = r[1];
                }
                for (std::size_t i = sample.size(); i > 1; --i)
                    std::swap(sample[i - 1], sample[randombytes_uniform(static_cast<std::uint32_t>(i))]);
                if (sample.size() > static_cast<std::size_t>(size))
                    sample.resize(static_cast<std::size_t>(size));
                writeServerAudit(sql, s.account.id, "draw_audit_sample", chosen,
                                 caseStatus + " " + std::to_string(sample.size()));
            }
        });
        std::ostringstream b;
        b << "<h1>" << esc(tr(lang, "audits.heading")) << "</h1>";
        if (req.get_param_value("saved") == "1")
            b << "<p class=\"notice\" id=\"notice\">" << esc(tr(lang, "audits.saved")) << "</p>";
        b << "<section class=\"card\"><h2>" << esc(tr(lang, "audits.sample")) << "</h2>"
          << "<form class=\"stack\" method=\"get\" action=\"/console/audits\" id=\"sample-form\" "
             "novalidate><label "
             "for=\"practitioner\">"
          << esc(tr(lang, "queue.practitioner"))
          << "</label><select id=\"practitioner\" name=\"practitioner\">";
        for (const auto& p : practitioners)
            b << "<option value=\"" << esc(p.id) << "\"" << (p.id == chosen ? " selected" : "") << ">"
              << esc(p.displayName) << " (" << esc(p.id) << ")</option>";
        b << "</select><label for=\"size\">" << esc(tr(lang, "audits.size"))
          << "</label><input type=\"number\" "
          << "id=\"size\" name=\"size\" min=\"1\" max=\"20\" value=\""
          << esc(req.has_param("size") ? req.get_param_value("size") : "3") << "\">";
        if (!sizeError.empty())
            b << "<span class=\"field-error\" id=\"size-error\">" << esc(sizeError) << "</span>";
        b << "<label for=\"status\">" << esc(tr(lang, "audits.status")) << "</label><select id=\"status\" "
          << "name=\"status\">";
        for (const char* option : {"any", "open", "closed"}) {
            const std::string key = std::string("case_status.") + option;
            b << "<option value=\"" << option << "\"" << (caseStatus == option ? " selected" : "") << ">"
              << esc(tr(lang, key.c_str())) << "</option>";
        }
        b << "</select>";
        if (!sampleStatusValid(caseStatus))
            b << "<span class=\"field-error\" id=\"status-error\">" << esc(tr(lang, "audits.need_status"))
              << "</span>";
        b << "<button type=\"submit\" id=\"draw\">" << esc(tr(lang, "audits.draw")) << "</button></form>";
        if (drawing) {
            b << "<h2>" << esc(tr(lang, "audits.sampled")) << "</h2><ul class=\"queue\" id=\"sample\">";
            if (sample.empty()) b << "<li class=\"muted\">" << esc(tr(lang, "audits.no_cases")) << "</li>";
            for (const auto& c : sample)
                b << "<li class=\"item\" data-case=\"" << esc(c) << "\" data-status=\"" << esc(statusOf[c])
                  << "\"><span>" << esc(tr(lang, "queue.case")) << " " << esc(c)
                  << "</span><span class=\"tag\">" << esc(tr(lang, ("case_status." + statusOf[c]).c_str()))
                  << "</span><a href=\"/console/audits/new?case=" << esc(c) << "\">"
                  << esc(tr(lang, "audits.record")) << " " << esc(c) << "</a></li>";
            b << "</ul>";
        }
        b << "</section><section class=\"card\"><h2>" << esc(tr(lang, "audits.per_practitioner")) << "</h2>";
        if (audits.empty())
            b << "<p class=\"muted\">" << esc(tr(lang, "audits.none")) << "</p>";
        else {
            b << "<table id=\"audits\"><tr><th>" << esc(tr(lang, "queue.practitioner")) << "</th><th>"
              << esc(tr(lang, "audits.date")) << "</th><th>" << esc(tr(lang, "queue.case")) << "</th><th>"
              << esc(tr(lang, "audits.grade")) << "</th><th>" << esc(tr(lang, "audits.auditor"))
              << "</th></tr>";
            for (const auto& a : audits) {
                const std::string gradeKey = "grade." + a[3];
                b << "<tr><td>" << esc(a[0]) << "</td><td>" << esc(a[1].substr(0, 10)) << "</td><td>"
                  << esc(a[2]) << "</td><td>" << esc(tr(lang, gradeKey.c_str())) << "</td><td>" << esc(a[4])
                  << "</td></tr>";
            }
            b << "</table>";
        }
        b << "</section>";
        sendHtml(res, status, layout(pageFor(s), tr(lang, "audits.heading"), b.str()));
    }

    void auditForm(const Session& s, const std::string& caseId, httplib::Response& res, int status = 200,
                   const std::map<std::string, std::string>& errors = {},
                   const std::map<std::string, std::string>& values = {}) {
        const Lang lang = s.lang;
        bool visible = false;
        store.transact([&](SqlSession& sql) { visible = maySeeCase(sql, s.account, caseId); });
        if (!visible) return notFound(res, pageFor(s));
        const FormEcho form{values, errors};
        auto value = [&](const std::string& k) { return form.value(k); };
        auto error = [&](const std::string& k) { return form.error(k); };
        std::ostringstream b;
        b << "<h1>" << esc(tr(lang, "audits.record")) << " " << esc(caseId)
          << "</h1><section class=\"card\"><p>" << esc(tr(lang, "audits.intro"))
          << "</p><form class=\"stack\" method=\"post\" action=\"/console/audits\" "
          << "id=\"audit-form\"><input type=\"hidden\" name=\"csrf\" value=\"" << esc(s.csrf) << "\">"
          << "<input type=\"hidden\" name=\"form_id\" value=\"" << sync::randomHex(16) << "\">"
          << "<input type=\"hidden\" name=\"case\" value=\"" << esc(caseId) << "\">";
        for (const auto& area : auditAreas()) {
            const std::string key = "audits." + area;
            b << "<label for=\"" << area << "\">" << esc(tr(lang, key.c_str())) << "</label><textarea id=\""
              << area << "\" name=\"" << area << "\" maxlength=\"4000\">" << esc(value(area)) << "</textarea>"
              << error(area);
        }
        b << "<label for=\"grade\">" << esc(tr(lang, "audits.grade")) << "</label><select id=\"grade\" "
          << "name=\"grade\"><option value=\"\"></option>";
        for (const auto& g : grades()) {
            const std::string key = "grade." + g;
            b << "<option value=\"" << g << "\"" << (value("grade") == g ? " selected" : "") << ">"
              << esc(tr(lang, key.c_str())) << "</option>";
        }
        b << "</select>" << error("grade") << "<button type=\"submit\" id=\"save-audit\">"
          << esc(tr(lang, "audits.save")) << "</button></form></section>";
        sendHtml(res, status, layout(pageFor(s), tr(lang, "audits.heading"), b.str()));
    }

    void auditPost(const Session& s, const httplib::Request& req, httplib::Response& res) {
        if (!formIsOurs(req, s.csrf)) return csrfRefused(res, s.lang);
        const std::string caseId = req.get_param_value("case");
        const std::string formId = req.get_param_value("form_id");
        if (formId.size() != 32 || formId.find_first_not_of("0123456789abcdef") != std::string::npos)
            return csrfRefused(res, s.lang);
        std::map<std::string, std::string> errors, values;
        json body = json::object();
        for (const auto& area : auditAreas()) {
            values[area] = req.get_param_value(area.c_str());
            if (values[area].find_first_not_of(" \t\r\n") == std::string::npos || values[area].size() > 4000)
                errors[area] = tr(s.lang, "audits.need_words");
            body[area] = values[area];
        }
        values["grade"] = req.get_param_value("grade");
        if (std::find(grades().begin(), grades().end(), values["grade"]) == grades().end())
            errors["grade"] = tr(s.lang, "audits.need_grade");
        if (!errors.empty()) return auditForm(s, caseId, res, 400, errors, values);
        body["grade"] = values["grade"];
        bool found = false, duplicate = false;
        store.transact([&](SqlSession& sql) {
            if (!maySeeCase(sql, s.account, caseId)) return;
            found = true;
            if (!sql.query("SELECT seq FROM case_audits WHERE id = ?", {formId}).empty()) {
                duplicate = true;
                return;
            }
            auto owner = sql.query("SELECT practitioner_id FROM cases WHERE case_id = ?", {caseId});
            sql.exec(
                "INSERT INTO case_audits(id, case_id, practitioner_id, auditor, grade, body, written_at) "
                "VALUES(?,?,?,?,?,?,?)",
                {formId, caseId, owner.empty() ? std::string() : owner[0][0], s.account.id, values["grade"],
                 body.dump(), nowIso()});
            writeServerAudit(sql, s.account.id, "case_audit", caseId, formId);
        });
        if (!found) return notFound(res, pageFor(s));
        if (duplicate) {
            commonHeaders(res);
            res.status = 409;
            res.set_content(layout(pageFor(s), tr(s.lang, "note.duplicate"),
                                   "<h1>" + esc(tr(s.lang, "note.duplicate")) + "</h1>"),
                            "text/html; charset=utf-8");
            return;
        }
        redirect(res, "/console/audits?saved=1");
    }

    // [SECTION] Administrators ---------------------------------------------------------------

    void adminPage(const Session& s, httplib::Response& res, const std::string& notice = {}) {
        const Lang lang = s.lang;
        std::vector<Account> accounts;
        std::vector<DeviceRow> devices;
        store.transact([&](SqlSession& sql) {
            accounts = allAccounts(sql);
            devices = listDevices(sql);
        });
        auto yesNo = [&](bool v) { return esc(tr(lang, v ? "admin.yes" : "admin.no")); };
        std::ostringstream b;
        b << "<h1>" << esc(tr(lang, "admin.heading")) << "</h1><p class=\"muted\">"
          << esc(tr(lang, "admin.no_content")) << "</p>";
        if (!notice.empty()) b << "<p class=\"notice\">" << esc(notice) << "</p>";
        b << "<section class=\"card\"><h2>" << esc(tr(lang, "admin.accounts"))
          << "</h2><table id=\"accounts\"><tr><th>" << esc(tr(lang, "admin.account")) << "</th><th>"
          << esc(tr(lang, "admin.role")) << "</th><th>" << esc(tr(lang, "admin.team")) << "</th><th>"
          << esc(tr(lang, "admin.active")) << "</th><th></th></tr>";
        for (const auto& a : accounts) {
            const std::string roleKey = std::string("role.") + roleName(a.role);
            b << "<tr><td>" << esc(a.id) << "</td><td>" << esc(tr(lang, roleKey.c_str())) << "</td><td>"
              << esc(a.teamId) << "</td><td>" << yesNo(a.active) << "</td><td>";
            if (a.active && a.id != s.account.id)
                b << "<form method=\"post\" action=\"/console/admin/deactivate\"><input type=\"hidden\" "
                     "name=\"csrf\" "
                     "value=\""
                  << esc(s.csrf) << "\"><input type=\"hidden\" name=\"account\" value=\"" << esc(a.id)
                  << "\"><button class=\"quiet\">" << esc(tr(lang, "admin.deactivate")) << "</button></form>";
            b << "</td></tr>";
        }
        b << "</table></section><section class=\"card\"><h2>" << esc(tr(lang, "admin.devices"))
          << "</h2><table id=\"devices\"><tr><th>" << esc(tr(lang, "admin.device")) << "</th><th>"
          << esc(tr(lang, "admin.account")) << "</th><th>" << esc(tr(lang, "admin.created")) << "</th><th>"
          << esc(tr(lang, "admin.last_seen")) << "</th><th>" << esc(tr(lang, "admin.revoked"))
          << "</th><th></th></tr>";
        for (const auto& d : devices) {
            b << "<tr><td>" << esc(d.id) << "</td><td>" << esc(d.accountId) << "</td><td>" << esc(d.createdAt)
              << "</td><td>" << esc(d.lastSeen) << "</td><td>" << yesNo(d.revoked) << "</td><td>";
            if (!d.revoked)
                b << "<form method=\"post\" action=\"/console/admin/revoke\"><input type=\"hidden\" "
                     "name=\"csrf\" "
                     "value=\""
                  << esc(s.csrf) << "\"><input type=\"hidden\" name=\"device\" value=\"" << esc(d.id)
                  << "\"><button class=\"quiet\">" << esc(tr(lang, "admin.revoke")) << "</button></form>";
            b << "</td></tr>";
        }
        b << "</table></section>";
        sendHtml(res, 200, layout(pageFor(s), tr(lang, "admin.heading"), b.str()));
    }

    void adminPost(const Session& s, const httplib::Request& req, httplib::Response& res, bool revoke) {
        if (!formIsOurs(req, s.csrf)) return csrfRefused(res, s.lang);
        if (revoke) {
            const std::string device = req.get_param_value("device");
            if (!store.revokeDevice(device)) return notFound(res, pageFor(s));
            store.transact(
                [&](SqlSession& sql) { writeServerAudit(sql, s.account.id, "revoke_device", device); });
        } else {
            const std::string account = req.get_param_value("account");
            std::int64_t changed = 0;
            store.transact([&](SqlSession& sql) {
                changed = sql.exec("UPDATE practitioners SET active = 0 WHERE id = ?", {account});
                sql.exec("DELETE FROM console_sessions WHERE account_id = ?", {account});
                if (changed) writeServerAudit(sql, s.account.id, "deactivate", account);
            });
            if (!changed) return notFound(res, pageFor(s));
        }
        redirect(res, "/console/admin?done=1");
    }
};

// [SECTION] Routes ---------------------------------------------------------------------------

Console::Console(ServerStore& store, ConsoleConfig config)
    : m(std::make_unique<Impl>(store, std::move(config))) {
    if (!m->config.clockMs)
        m->config.clockMs = [] {
            return std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                .count();
        };
}

Console::~Console() = default;

void Console::registerRoutes(httplib::Server& http) {
    Impl* c = m.get();
    // Every handler runs inside a barrier: a failure is a calm page, never a stack trace.
    auto guarded = [c](auto handler) {
        return [c, handler](const httplib::Request& req, httplib::Response& res) {
            try {
                handler(req, res);
            } catch (const std::exception& e) {
                c->log({{"event", "console_error"}, {"error", e.what()}});
                sendHtml(res, 500,
                         layout({}, tr(Lang::En, "error.server"),
                                "<h1>" + esc(tr(Lang::En, "error.server")) + "</h1>"));
            }
        };
    };
    http.Get("/console/style.css", [](const httplib::Request&, httplib::Response& res) {
        commonHeaders(res);
        res.set_header("Cache-Control", "no-store");
        res.set_content(kStyle, "text/css; charset=utf-8");
    });
    http.Get("/console", [](const httplib::Request&, httplib::Response& res) { redirect(res, "/console/"); });
    http.Get("/console/", guarded([c](const httplib::Request& req, httplib::Response& res) {
                 auto s = c->requireSignedIn(req, res);
                 if (!s) return;
                 redirect(res, s->account.role == Role::Administrator ? "/console/admin" : "/console/queue");
             }));
    http.Get("/console/signin",
             guarded([c](const httplib::Request& req, httplib::Response& res) { c->signinPage(req, res); }));
    http.Post("/console/signin",
              guarded([c](const httplib::Request& req, httplib::Response& res) { c->signinPost(req, res); }));
    http.Get("/console/enrol", guarded([c](const httplib::Request& req, httplib::Response& res) {
                 c->codeGet(req, res, true);
             }));
    http.Post("/console/enrol", guarded([c](const httplib::Request& req, httplib::Response& res) {
                  c->codePost(req, res, true);
              }));
    http.Get("/console/totp", guarded([c](const httplib::Request& req, httplib::Response& res) {
                 c->codeGet(req, res, false);
             }));
    http.Post("/console/totp", guarded([c](const httplib::Request& req, httplib::Response& res) {
                  c->codePost(req, res, false);
              }));
    http.Post("/console/signout", guarded([c](const httplib::Request& req, httplib::Response& res) {
                  auto s = c->session(req);
                  if (s) {
                      if (!c->formIsOurs(req, s->csrf)) return c->csrfRefused(res, s->lang);
                      c->store.transact([&](SqlSession& sql) {
                          sql.exec("DELETE FROM console_sessions WHERE token_hash = ?", {s->tokenHash});
                      });
                  }
                  res.set_header("Set-Cookie", c->cookie("heard_console", "gone") + "; Max-Age=0");
                  redirect(res, "/console/signin");
              }));
    http.Post(
        "/console/language", guarded([c](const httplib::Request& req, httplib::Response& res) {
            auto s = c->requireSignedIn(req, res);
            if (!s) return;
            if (!c->formIsOurs(req, s->csrf)) return c->csrfRefused(res, s->lang);
            const std::string to = langCode(langFromCode(req.get_param_value("to")));
            c->store.transact([&](SqlSession& sql) {
                sql.exec("UPDATE console_sessions SET language = ? WHERE token_hash = ?", {to, s->tokenHash});
            });
            redirect(res, "/console/");
        }));
    http.Get("/console/queue", guarded([c](const httplib::Request& req, httplib::Response& res) {
                 auto s = c->requireSignedIn(req, res);
                 if (!s) return;
                 if (s->account.role != Role::Manager) return c->forbidden(res, *s);
                 c->queuePage(*s, res);
             }));
    http.Get("/console/search", guarded([c](const httplib::Request& req, httplib::Response& res) {
                 auto s = c->requireSignedIn(req, res);
                 if (!s) return;
                 // An administrator sees no case content, so has no search either.
                 if (s->account.role != Role::Manager) return c->forbidden(res, *s);
                 c->searchPage(*s, req, res);
             }));
    http.Get(R"(/console/record/([A-Za-z0-9_.\-]{1,80}))",
             guarded([c](const httplib::Request& req, httplib::Response& res) {
                 auto s = c->requireSignedIn(req, res);
                 if (!s) return;
                 // An administrator sees no case content: the same 404 as for a record outside one's team.
                 if (s->account.role != Role::Manager) return c->notFound(res, c->pageFor(*s));
                 c->recordPage(*s, req.matches[1], res, 200, {},
                               req.get_param_value("saved") == "1" ? tr(s->lang, "note.saved") : "");
             }));
    http.Get(R"(/console/record/([A-Za-z0-9_.\-]{1,80})/skin-map\.png)",
             guarded([c](const httplib::Request& req, httplib::Response& res) {
                 auto s = c->requireSignedIn(req, res);
                 if (!s) return;
                 if (s->account.role != Role::Manager) return c->notFound(res, c->pageFor(*s));
                 c->skinMapImage(*s, req.matches[1], res);
             }));
    http.Post(R"(/console/record/([A-Za-z0-9_.\-]{1,80})/note)",
              guarded([c](const httplib::Request& req, httplib::Response& res) {
                  auto s = c->requireSignedIn(req, res);
                  if (!s) return;
                  if (s->account.role != Role::Manager) return c->notFound(res, c->pageFor(*s));
                  c->notePost(*s, req.matches[1], req, res);
              }));
    http.Get("/console/audits", guarded([c](const httplib::Request& req, httplib::Response& res) {
                 auto s = c->requireSignedIn(req, res);
                 if (!s) return;
                 if (s->account.role != Role::Manager) return c->forbidden(res, *s);
                 std::string sizeError;
                 if (req.has_param("practitioner")) {
                     int size = 0;
                     try {
                         size = std::stoi(req.get_param_value("size"));
                     } catch (const std::exception&) {
                     }
                     if (size < 1 || size > 20) sizeError = tr(s->lang, "audits.need_size");
                 }
                 const bool badStatus =
                     req.has_param("status") && !Impl::sampleStatusValid(req.get_param_value("status"));
                 c->auditsPage(*s, req, res, sizeError.empty() && !badStatus ? 200 : 400, sizeError);
             }));
    http.Get("/console/audits/new", guarded([c](const httplib::Request& req, httplib::Response& res) {
                 auto s = c->requireSignedIn(req, res);
                 if (!s) return;
                 if (s->account.role != Role::Manager) return c->notFound(res, c->pageFor(*s));
                 c->auditForm(*s, req.get_param_value("case"), res);
             }));
    http.Post("/console/audits", guarded([c](const httplib::Request& req, httplib::Response& res) {
                  auto s = c->requireSignedIn(req, res);
                  if (!s) return;
                  if (s->account.role != Role::Manager) return c->notFound(res, c->pageFor(*s));
                  c->auditPost(*s, req, res);
              }));
    http.Get("/console/admin", guarded([c](const httplib::Request& req, httplib::Response& res) {
                 auto s = c->requireSignedIn(req, res);
                 if (!s) return;
                 if (s->account.role != Role::Administrator) return c->forbidden(res, *s);
                 c->adminPage(*s, res, req.get_param_value("done") == "1" ? tr(s->lang, "admin.done") : "");
             }));
    for (bool revoke : {true, false})
        http.Post(revoke ? "/console/admin/revoke" : "/console/admin/deactivate",
                  guarded([c, revoke](const httplib::Request& req, httplib::Response& res) {
                      auto s = c->requireSignedIn(req, res);
                      if (!s) return;
                      if (s->account.role != Role::Administrator) return c->forbidden(res, *s);
                      c->adminPost(*s, req, res, revoke);
                  }));
    // Anything else under /console/ is a calm 404 page (not the API's JSON).
    http.Get(R"(/console/.*)", [](const httplib::Request&, httplib::Response& res) {
        sendHtml(res, 404,
                 layout({}, tr(Lang::En, "error.not_found"),
                        "<h1>" + esc(tr(Lang::En, "error.not_found")) + "</h1>"));
    });
}

} // namespace heard::server::console
