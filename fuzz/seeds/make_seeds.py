#!/usr/bin/env python3
"""Writes the seed inputs of the fuzz targets into fuzz/corpus/<target>/ (run by scripts/fuzz when a corpus is
missing; the corpora kept in the repository are these seeds grown by fuzzing, then minimised with cmin).

Seeds are small: pieces of the seed story (corpora/coalition-marrakech.txt), hand-written JSONL lines, and hostile
samples (bidi controls, presentation forms, damaged ligatures, NULs, UTF-16 with and without BOM and with a lone
surrogate, Windows-1256, invalid UTF-8). Nothing from /work/shared/data.
"""
import gzip
import hashlib
import pathlib
import sys

FUZZ = pathlib.Path(__file__).resolve().parent.parent
STORY = (FUZZ.parent / "corpora" / "coalition-marrakech.txt").read_text(encoding="utf-8")


def paragraphs():
    return [p.strip() for p in STORY.split("\n\n") if p.strip()]


def text_seeds():
    out = []
    paras = paragraphs()
    out += [p.encode() for p in paras if len(p.encode()) <= 2048]
    out.append("\n\n".join(paras[:4]).encode())
    out.append("\n".join(paras[4:8]).encode())  # one paragraph a line
    # Hard-wrapped at ~60 characters.
    para = " ".join(paras[3:6])
    wrapped, line = [], ""
    for word in para.split():
        if len(line) + len(word) > 60:
            wrapped.append(line)
            line = ""
        line = (line + " " + word).strip()
    wrapped.append(line)
    out.append("\n".join(wrapped).encode())
    hostile = [
        "قال الوزير خالل االجتماع )داعش( إن الهجوم",  # reversed lam-alef, mirrored brackets
        "\u202eقال\u202c \u2067الوزير\u2069 \u200fنعم\u200e \u200bلا\ufeff",  # bidi and zero-width
        "\ufe8d\ufedf\ufeed\ufeaf\ufef3\ufeae \ufefb \ufdf2 \ufe70\ufb50",  # presentation forms
        "الْوَزِيرُ قـــــال إِنَّ",  # diacritics and tatweel
        "  قال   \t الوزير \u00a0\u2003 نعم  \r\n\r\n  سطر  ",  # spaces, CRLF
        "د. محمد قال إن 3.5 مليون و٣٫٥ بالمئة www.example.com/a.b ... انتهى… ثم؟ لا!",
        "=SUM(A1:A2) قال\n+cmd|' /C calc'!A0\n-5 درجات\n@الوكالة",
        "«قال» “نعم” \"لا\" (أ) [ب] {ج}",
        "0\n360\nشارك\nتويتر\n•",
        "Latin only sentence. Another one! And a third?",
        "قال \"He said: no.\" ثم غادر. The end.",
        "اال الال لالجئين االأ ثالث السيما",
        "a\x00b",
        "\x00",
        "\x01\x02\x0b\x1f\x7f\u0085\u2028\u2029",
        "؟؟؟...!!!،،،",
        "1234 5678 ٠١٢٣",
    ]
    out += [h.encode() for h in hostile]
    line = paras[2]
    out.append(b"\xef\xbb\xbf" + line.encode())  # UTF-8 BOM
    out.append(b"\xff\xfe" + line.encode("utf-16-le"))
    out.append(b"\xfe\xff" + line.encode("utf-16-be"))
    out.append(line.encode("utf-16-le"))  # no BOM
    out.append(line.encode("utf-16-be"))
    out.append(b"\xff\xfe" + "قال".encode("utf-16-le") + b"\x00\xd8" + "لا".encode("utf-16-le"))  # lone surrogate
    out.append(line.encode("cp1256"))
    out.append(line.encode()[:40] + b"\xc3\x28\xff" + line.encode()[40:80])  # invalid UTF-8 in the middle
    out.append(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    return out


def export_seeds():
    out = []
    paras = paragraphs()
    for i in range(0, min(len(paras), 9), 3):
        out.append("\x1e".join(["coalition/1"] + paras[i : i + 3]).encode())
    hard = [
        "قال الوزير: \"لن نتراجع\"، وأضاف, بعد ذلك",
        "=SUM(A1:A2) ليست صيغة",
        "-5 درجات و+3 و@الوكالة",
        "'=نص يبدأ بفاصلة عليا",
        "سطر أول\nسطر ثان\r\nوثالث",
        "علامات <b>&amp;</b> و ]]> و \"\"",
        "\x0b\x00تحكم\x1f ممنوع\x7f",
        "\u202eمعكوس\u202c\t\tجدول",
    ]
    out.append("\x1e".join(["خبر/1"] + hard).encode())
    out.append("\x1e".join(["id with\nnewline:and:colons"] + hard[:3]).encode())
    out.append("\x1e".join(["s", "", " ", "نعم"]).encode())
    out.append(paras[1].encode())
    return out


def jsonl_seeds():
    lines = [
        '{"id": "a1", "title": "عنوان", "date": "2019-03-28", "text": "قال الوزير. ثم غادر."}',
        '{"id": 7, "time": "Sun, 18 Feb 2018 21:35:43 +0400", "text": "نص"}',
        '{"id": "a1", "text": "duplicate id"}',
        '{"text": "no id"}',
        '{"id": "x"}',
        '{"id": "y", "text": 5}',
        '{"id": ["z"], "text": "id of the wrong type"}',
        '{"id": "nul", "text": "a\\u0000b"}',
        '{"id": "sur", "text": "\\ud800 lone surrogate"}',
        '{"id": "esc", "text": "\\u202e\\ufefb\\n\\r\\t"}',
        "not json at all",
        "{\"id\": \"cut\", \"text\": \"قال",
        "",
        "   \t",
        '{"id": "d", "date": "2019-13-40", "text": "bad date"}',
        '{"id": "e", "date": "2019-02-03Tx", "text": "odd timestamp"}',
    ]
    out = ["\n".join(lines).encode()]
    out.append("\r\n".join(lines[:3]).encode() + b"\r\n")
    out.append(b"\xef\xbb\xbf" + lines[0].encode() + b"\n")
    out += [line.encode() for line in lines if line.strip()]
    out.append(gzip.compress(("\n".join(lines[:2]) + "\n").encode(), mtime=0))
    story = paragraphs()[2]
    out.append(('{"id": "coalition", "title": "التحالف", "text": ' + repr_json(story) + "}\n").encode())
    out.append(b'{"id": "bin", "text": "\xff\xfe"}\n')
    return out


def repr_json(text):
    import json

    return json.dumps(text, ensure_ascii=False)


def write(target, seeds):
    folder = FUZZ / "corpus" / target
    folder.mkdir(parents=True, exist_ok=True)
    for seed in seeds:
        (folder / hashlib.sha1(seed).hexdigest()).write_bytes(seed)
    print(f"{target}: {len(seeds)} seeds", file=sys.stderr)


def main():
    targets = sys.argv[1:] or ["decode_repair", "split", "desk", "stem", "export_writers", "jsonl_reader", "translation_readers"]
    text = text_seeds()
    for target in targets:
        if target in ("decode_repair", "split", "desk", "stem"):
            write(target, text)
        elif target in ("export_writers", "translation_readers"):
            write(target, export_seeds() + text[:6])
        elif target == "jsonl_reader":
            write(target, jsonl_seeds() + text[-10:])


if __name__ == "__main__":
    main()
