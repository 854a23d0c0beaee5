#include "app/report/report_store.h"

#include "app/model/court_matter.h"
#include "base/hash.h"
#include "storage/record_kinds.h"

#include <sodium.h>

#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace heard::report {

namespace {

std::string toBase64(const std::vector<unsigned char>& bytes) {
    std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1); // the terminating NUL
    return out;
}

bool fromBase64(const std::string& text, std::vector<unsigned char>& out) {
    out.resize(text.size() / 4 * 3 + 3);
    size_t length = 0;
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &length, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
        return false;
    out.resize(length);
    return true;
}

std::string hashOf(const std::vector<unsigned char>& bytes) {
    return base::blake2bHex(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

} // namespace

bool makeReport(storage::Store& store, const CaseFile& file, const storage::Record& of,
                const std::string& reportType, const std::string& author, storage::Record& made,
                std::string& error) {
    if (of.status != storage::RecordStatus::Signed) return error = "only a signed record has a report", false;
    Document document;
    if (!buildDocument(file, of, reportType, document, error)) return false;
    const RenderedPdf pdf = renderPdf(document);
    if (!pdf.error.empty()) return error = "the report could not be drawn: " + pdf.error, false;
    storage::NewRecord record;
    record.caseId = of.caseId;
    record.childId = of.childId;
    record.kind = storage::kinds::kReport;
    record.author = author;
    record.parentId = of.id;
    record.payload = {{"format", 1},
                      {"report", reportType},
                      {"mediaType", "application/pdf"},
                      {"pages", pdf.pages},
                      {"size", pdf.bytes.size()},
                      {"blake2b", hashOf(pdf.bytes)},
                      {"pdfBase64", toBase64(pdf.bytes)}};
    try {
        const storage::Record draft = store.createDraft(record);
        made = store.sign(draft.id, author);
        return true;
    } catch (const std::exception& e) {
        error = e.what();
        return false;
    }
}

bool reportBytes(const storage::Record& report, std::vector<unsigned char>& pdf, std::string& error) {
    const nlohmann::json& p = report.payload;
    if (report.kind != storage::kinds::kReport || !p.is_object() || !p.contains("pdfBase64") ||
        !p["pdfBase64"].is_string() || !p.contains("blake2b") || !p["blake2b"].is_string())
        return error = "not a report record", false;
    std::vector<unsigned char> bytes;
    if (!fromBase64(p["pdfBase64"].get<std::string>(), bytes))
        return error = "the report's bytes are damaged", false;
    if (hashOf(bytes) != p["blake2b"].get<std::string>())
        return error = "the report's bytes do not match their hash", false;
    pdf = std::move(bytes);
    return true;
}

std::optional<storage::Record> latestReport(const std::vector<storage::Record>& records,
                                            const std::string& ofId, const std::string& reportType) {
    std::optional<storage::Record> latest;
    for (const storage::Record& r : records)
        if (r.kind == storage::kinds::kReport && r.parentId == ofId && r.payload.is_object() &&
            r.payload.value("report", std::string()) == reportType)
            latest = r;
    return latest;
}

std::optional<storage::Record> recordCourtMatter(storage::Store& store, const std::string& caseId,
                                                 const std::string& author) {
    const auto matter = store.courtMatter(caseId);
    if (!matter) return std::nullopt;
    model::CourtMatter read;
    std::string error;
    if (!model::courtMatterFromJson(*matter, read, error) || read.empty()) return std::nullopt;
    nlohmann::json latest;
    for (const storage::Record& r : store.recordsForCase(caseId)) // oldest first: keep the newest
        if (r.kind == storage::kinds::kCourtMatter && r.status == storage::RecordStatus::Signed)
            latest = r.payload;
    if (latest == *matter) return std::nullopt;
    storage::NewRecord record;
    record.caseId = caseId;
    record.kind = storage::kinds::kCourtMatter;
    record.author = author;
    record.payload = *matter;
    const storage::Record draft = store.createDraft(record);
    return store.sign(draft.id, author);
}

bool exportReport(storage::Store& store, const storage::Record& report, const std::string& path,
                  const std::string& actor, std::string& error) {
    std::vector<unsigned char> pdf;
    if (!reportBytes(report, pdf, error)) return false;
    // O_EXCL: never overwrite; 0600: only the practitioner's account can read it.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) return error = "cannot create " + path + " (it may exist already)", false;
    size_t written = 0;
    while (written < pdf.size()) {
        const ssize_t n = ::write(fd, pdf.data() + written, pdf.size() - written);
        if (n <= 0) {
            ::close(fd);
            ::unlink(path.c_str());
            return error = "cannot write " + path, false;
        }
        written += size_t(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        ::unlink(path.c_str());
        return error = "cannot write " + path, false;
    }
    store.audit(actor, "export", report.id, "report exported to a chosen path");
    return true;
}

} // namespace heard::report
