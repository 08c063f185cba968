#!/usr/bin/env python3
"""Lays out workflows/klachtenprocedure.json for the node sizes Elsa Studio really draws.

Usage (from the repository root):
    python3 tests/Klachten.Studio.Tests/Layout/layout_klachtenprocedure.py [--measured artifacts/klachtenprocedure-layout.json]

Each phase of the procedure is one row, read left to right; a phase too wide for Studio's canvas at its minimum zoom
(40 %) is wrapped onto a second row. The rows are listed in LANES below (domain knowledge: which activity belongs to
which phase); the order inside a row comes from the graph (a topological order of the row's own connections, ties in
file order) and the column from the row's first column plus that order.

Node boxes are those X6 draws, ports and port labels included, as the browser test
S2b_EditorLayout_Klachtenprocedure_NodesDoNotOverlapAndEdgesRouteAroundThem measures them (it writes
artifacts/klachtenprocedure-layout.json). Pass --measured to refresh klachtenprocedure-node-boxes.json from that file,
for instance after outcomes (and so port labels) changed.

Only the numbers in "position": {"x": .., "y": ..} are rewritten, in place, so the rest of the file keeps its
formatting and a merge with changes to the activities' inputs stays clean.
"""
import argparse
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]
WORKFLOW = ROOT / "workflows" / "klachtenprocedure.json"
BOXES = HERE / "klachtenprocedure-node-boxes.json"

# Gaps between node boxes (ports and labels included): room for X6's manhattan router (it keeps 10 px around every
# node and walks a 10 px grid), for edge labels, and for the badge Studio puts on a running activity.
GAP_X = 60
GAP_Y = 70

# (row, activities, first column). Rows share columns, each as wide as its widest node, so the gaps between columns line
# up into vertical corridors the router can follow from row to row. X6's manhattan router gives up (and draws a
# straight "orth" line through other nodes) on an edge that must go far both left and down, so each edge that leaves a
# row either wraps to the start of the next row or runs down a column gap.
LANES = [
    ("Intake", ["start", "verjaard", "briefNietOntvankelijk", "eindeNietOntvankelijk"], 0),
    ("Informeel", ["formeel", "informeel", "heeftMedewerker", "bespreekMedewerker"], 0),
    # A written complaint that came too late goes up the last column to the intake's letter.
    ("Informeel (vervolg)", ["losOpLeidinggevende", "informeelOpgelost", "eindeInformeel", "schriftelijkNietOntvankelijk"], 0),
    ("Naar schriftelijk", ["briefSchriftelijkIndienen", "wachtOpSchriftelijk", "datumSchriftelijk", "schriftelijkVerjaard"], 0),
    ("Formeel: ontvangst", ["formeelOntvangen", "bevestigOntvangst", "briefOntvangst", "inGesprek"], 0),
    # contactKlager starts a row so that its withdrawal edge runs straight down a column gap to the withdrawal row; it
    # runs beside the receipt row above, both joining before the submission.
    ("Formeel: contact en voorleggen", ["contactKlager", "ontvangstEnContactKlaar", "voorleggen", "datumVoorgelegd"], 0),
    ("Klachtencommissie", ["bijCommissie", "briefVoorgelegd", "advies", "wachtOpBesluit"], 0),
    ("Besluit", ["besluit", "besloten", "briefBesluit", "eindeBesluit"], 0),
    # The extended advice hangs under the committee's columns, its edges going up and down column gaps.
    ("Klachtencommissie: verlengde termijn", ["briefVerlenging", "adviesVerlengd"], 2),
    ("Intrekking", ["wachtOpIntrekking", "ingetrokken", "ontvangstNogBevestigen", "briefOntvangstBijIntrekking"], 0),
    ("Intrekking (vervolg)", ["briefIntrekking", "eindeIngetrokken"], 2),
]


def refresh_boxes(measured_path):
    nodes = json.loads(pathlib.Path(measured_path).read_text(encoding="utf-8"))["nodes"]
    boxes = {
        n["Id"]: {
            "left": round(n["Left"] - n["X"], 1),
            "top": round(n["Top"] - n["Y"], 1),
            "right": round(n["Right"] - n["X"], 1),
            "bottom": round(n["Bottom"] - n["Y"], 1),
        }
        for n in nodes
    }
    lines = [f'  "{k}": {json.dumps(v)}' for k, v in boxes.items()]
    BOXES.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")


def order_lane(members, connections, file_order):
    """Topological order of the lane's own connections; ties (and nodes without lane edges) in file order."""
    inside = set(members)
    edges = {(c["source"]["activity"], c["target"]["activity"]) for c in connections
             if c["source"]["activity"] in inside and c["target"]["activity"] in inside}
    remaining = sorted(members, key=file_order.index)
    ordered = []
    while remaining:
        ready = [m for m in remaining if not any(t == m and s in remaining for s, t in edges)]
        if not ready:
            sys.exit(f"cycle inside lane {members}")
        ordered.append(ready[0])
        remaining.remove(ready[0])
    return ordered


def positions(root, boxes):
    activities = [a["id"] for a in root["activities"]]
    placed = [m for _, members, _ in LANES for m in members]
    if sorted(placed) != sorted(activities):
        missing = set(activities) - set(placed)
        extra = set(placed) - set(activities)
        sys.exit(f"LANES does not match the activities: missing {sorted(missing)}, unknown {sorted(extra)}")
    rows = [order_lane(members, root["connections"], activities) for _, members, _ in LANES]
    cells = [(start + c, activity) for row, (_, _, start) in zip(rows, LANES) for c, activity in enumerate(row)]
    columns = max(c for c, _ in cells) + 1
    widths = [max(boxes[a]["right"] - boxes[a]["left"] for c, a in cells if c == column) for column in range(columns)]
    lefts = [sum(widths[:c]) + c * GAP_X for c in range(columns)]
    top = max(-b["top"] for b in boxes.values())
    height = max(b["bottom"] - b["top"] for b in boxes.values())
    result = {}
    for r, (row, (_, _, start)) in enumerate(zip(rows, LANES)):
        for c, activity in enumerate(row, start):
            result[activity] = (round(lefts[c] - boxes[activity]["left"]), round(top + r * (height + GAP_Y)))
    return result


def rewrite(text, result):
    """Replaces the x and y of each activity's designer position and nothing else."""
    activity = re.compile(r'"id": "(?P<id>[^"]+)",\s*"nodeId": ')
    position = re.compile(r'"position": \{\s*"x": (?P<x>-?[\d.]+),\s*"y": (?P<y>-?[\d.]+)')
    starts = [(m.start(), m.group("id")) for m in activity.finditer(text)]
    pieces, last = [], 0
    for index, (start, activity_id) in enumerate(starts):
        if activity_id not in result:
            continue
        end = starts[index + 1][0] if index + 1 < len(starts) else len(text)
        match = position.search(text, start, end)
        if match is None:
            sys.exit(f"no designer position for {activity_id}")
        x, y = result[activity_id]
        pieces += [text[last:match.start("x")], str(x), text[match.end("x"):match.start("y")], str(y)]
        last = match.end("y")
    return "".join(pieces) + text[last:]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measured", help="artifacts/klachtenprocedure-layout.json written by the browser test")
    args = parser.parse_args()
    if args.measured:
        refresh_boxes(args.measured)
    boxes = json.loads(BOXES.read_text(encoding="utf-8"))
    text = WORKFLOW.read_text(encoding="utf-8")
    result = positions(json.loads(text)["root"], boxes)
    WORKFLOW.write_text(rewrite(text, result), encoding="utf-8")
    print(f"{len(result)} positions written in {len(LANES)} rows")


if __name__ == "__main__":
    main()
