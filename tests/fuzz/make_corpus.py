#!/usr/bin/env python3
"""Writes the seed corpus for the fuzz targets (tests/fuzz/corpus/<target>/). All data is
fictional. Run again only to regenerate the seeds; libFuzzer adds its own finds elsewhere."""
import hashlib, json, os, subprocess, tempfile

here = os.path.dirname(os.path.abspath(__file__))
def put(target, name, data):
    d = os.path.join(here, "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
def compact(j):  # nlohmann's dump(): sorted keys, no spaces
    return json.dumps(j, sort_keys=True, separators=(",", ":"), ensure_ascii=False)

# --- protocol: answers and requests -----------------------------------------------------------
alloc = {"caseId": "case-a1", "caseReference": "TEST/001", "childId": "child-a1",
         "childName": "Pip Invented", "childDateOfBirth": "2017-03-01"}
put("protocol", "pull_answer.json", compact({"ok": True, "protocol": 1, "cursor": 4, "allocations": [alloc],
    "removals": ["case-old"], "command": "none",
    "content": {"version": 2, "files": {"drawing.json": {"id": "drawing", "version": 1}}}}))
put("protocol", "push_request.json", compact({"protocol": 1, "batchId": "b1", "entries": [
    {"outboxId": 1, "itemType": "record", "itemId": "rec-1", "version": 1, "caseId": "case-a1",
     "highRisk": False, "body": "{\"id\":\"rec-1\"}"}]}))
put("protocol", "push_answer.json", compact({"ok": True, "protocol": 1, "batchId": "b1", "results": [
    {"outboxId": 1, "itemType": "record", "itemId": "rec-1", "version": 1, "status": "stored"}]}))
put("protocol", "enrol_answer.json", compact({"ok": True, "protocol": 1, "deviceId": "dev-1",
    "deviceSecret": "s3cret", "recoveryPublicKey": "00" * 32, "practitionerId": "pr-ada",
    "practitionerName": "Ada Testperson", "allocations": [alloc], "cursor": 1}))
put("protocol", "enrol_request.json", compact({"protocol": 1, "username": "pr-ada", "password": "pw",
    "deviceName": "tablet 1"}))
put("protocol", "pull_request.json", compact({"protocol": 1, "cursor": 3, "contentVersion": 1,
    "removedCases": ["case-old"]}))
put("protocol", "error.json", compact({"ok": False, "protocol": 1, "error": "bad_request", "message": "no"}))

# --- record verifier: a valid signed record and audit entry (BLAKE2b-256 over canonical JSON) ---
def blake(text): return hashlib.blake2b(text.encode(), digest_size=32).hexdigest()
record = {"chainVersion": 1, "id": "rec-1", "version": 1, "caseId": "case-a1", "childId": "child-a1",
          "kind": "visit", "status": "signed", "author": "pr-ada", "createdAt": "2026-11-23T10:00:00Z",
          "signedAt": "2026-11-23T10:05:00Z", "signedBy": "Ada Testperson", "parentId": "",
          "highRisk": False, "payload": {"where": "family centre", "notes": ["played", {"with": "blocks"}]},
          "chainSeq": 1, "prevHash": ""}
record["hash"] = blake(compact(record))
put("record_verifier", "record.json", compact(record))
audit = {"chainVersion": 1, "seq": 1, "at": "2026-11-23T10:05:00Z", "actor": "Ada Testperson",
         "action": "sign", "target": "rec-1", "detail": {"kind": "visit"}, "prevHash": ""}
audit["hash"] = blake(compact(audit))
put("record_verifier", "audit.json", compact(audit))

# --- key file: the format with made-up bytes of the right sizes --------------------------------
put("keyfile", "keyfile.json", json.dumps({"format": "heard-keyfile", "version": 1,
    "kdf": {"alg": "argon2id13", "opslimit": 2, "memlimit": 67108864, "salt": "11" * 16},
    "wrapped": {"alg": "xchacha20poly1305-ietf", "nonce": "22" * 24, "ciphertext": "33" * 48},
    "sealed": {"alg": "crypto_box_seal", "recoveryPublicKey": "44" * 32, "ciphertext": "55" * 80},
    "cipherPageSize": 4096, "cipherMajorVersion": 3, "failedAttempts": 0, "lastFailureUnix": 0}, indent=1))

# --- content: a small activity -----------------------------------------------------------------
put("content", "feelings.json", json.dumps({"format": 1, "id": "fuzz_feelings", "version": 1,
    "type": "choice", "title": "Feelings", "childTitle": "How do you feel?", "guidance": "Invented.",
    "icon": "star", "minAge": 4, "maxAge": 17, "steps": [
        {"id": "pick", "kind": "choice", "prompt": "Pick one", "options": [
            {"id": "happy", "label": "Happy"}, {"id": "sad", "label": "Sad"}]},
        {"id": "scale", "kind": "scale", "prompt": "How much?", "low": "a little", "high": "a lot"}]},
    indent=1))

# --- mo: a tiny catalogue compiled by msgfmt ---------------------------------------------------
with tempfile.TemporaryDirectory() as t:
    po = os.path.join(t, "x.po")
    with open(po, "w") as f:
        f.write('msgid ""\nmsgstr "Language: cy\\nContent-Type: text/plain; charset=UTF-8\\n"\n\n'
                'msgid "Back"\nmsgstr "Yn ôl"\n\nmsgctxt "menu"\nmsgid "Open"\nmsgstr "Agor"\n\n'
                'msgid "one child"\nmsgid_plural "%d children"\nmsgstr[0] "un plentyn"\nmsgstr[1] "%d plentyn"\n')
    mo = os.path.join(t, "x.mo")
    subprocess.run(["msgfmt", "-o", mo, po], check=True)
    put("mo", "cy.mo", open(mo, "rb").read())
