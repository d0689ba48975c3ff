"""Line-based test-case reduction (delta debugging, ddmin on lines, then
single lines) for fuzz findings: keeps the smallest text for which
``still_fails(text)`` holds."""

from __future__ import annotations


def reduce_lines(text: str, still_fails, max_tries: int = 300) -> str:
    lines = text.split("\n")
    tries = 0
    n = 2
    while len(lines) >= 2 and tries < max_tries:
        chunk = max(1, len(lines) // n)
        removed = False
        for start in range(0, len(lines), chunk):
            cand = lines[:start] + lines[start + chunk :]
            tries += 1
            if cand and still_fails("\n".join(cand)):
                lines = cand
                n = max(n - 1, 2)
                removed = True
                break
            if tries >= max_tries:
                break
        if not removed:
            if chunk == 1:
                break
            n = min(len(lines), n * 2)
    return "\n".join(lines)
