"""Model-based test of the stock ledger through the HTTP API (reliability.md R4/R5, DESIGN §4).

A hypothesis state machine posts random receipts (opening, other_in with and without a unit cost), issues,
transfers both ways, stocktakes, reversals (红冲, at the original or a later date), un-approvals (反审核) and
re-approvals, at random business dates — so most postings are back-dated behind existing moves — and
checks after every step that the ledger agrees with a small model written here from the rules alone:

- moving weighted average per SKU × warehouse; an average-valued move is worth
  round_half_up(running_value × qty / running_qty, 2) (qty × last cost at zero stock); a move emptying the
  stock takes all the value left; a reversal is the exact negation of the move it undoes unless it empties
  the stock; a transfer-in is worth minus its transfer-out as valued when it was posted;
- a back-dated posting re-values the later moves of its SKU × warehouse only, in (business date, posting)
  order — a transfer-in keeps its value when only the sending warehouse is re-valued (ADR 0004);
- a posting is refused (409 insufficient_stock, nothing written) exactly when some point of the SKU ×
  warehouse's running quantity, now or later, would go below zero.

Checked after every step: on hand and value per SKU × warehouse from GET /stock-balances, every move's
quantity, value and running quantity/value/cost in ledger order, and `jxc verify` (integrity.problems) == [].

Restrictions: a reversal is never dated before the document it undoes (the model would be circular); one
lot per lot-tracked SKU (so lot and SKU × warehouse quantities coincide); a stocktake is counted and
approved in one step (no postings between its freeze and its approval). Each example gets fresh products,
so examples do not see each other's SKUs (stocktakes still freeze them, uncounted). Knobs:
JXC_MODEL_EXAMPLES (8), JXC_MODEL_STEPS (20), JXC_MODEL_NO_SHRINK=1.
"""

from __future__ import annotations

import copy
import itertools
import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import select

from jxc.inventory.stock_models import StockMove
from tests.api.inventory.conftest import PATHS, Shop

# A reversal whose move it undoes is not re-valued with it must still follow it (regression:
# test_reversal_follows_its_source_after_a_back_dated_posting). JXC_MODEL_AVOID_ABSORBED_REVERSALS=1 keeps the
# machine away from reversals that empty the stock with a remainder other than −source, should that rule
# ever need to be set aside while a fix is under way.
AVOID_ABSORBED_REVERSALS = os.environ.get("JXC_MODEL_AVOID_ABSORBED_REVERSALS") == "1"

BASE = date(2026, 10, 1)
DAYS = 8
ZERO = Decimal(0)
CENT = Decimal("0.01")
COST_STEP = Decimal("0.000001")
SKUS = ("X", "Y", "M")  # X, Y plain; M lot-tracked (one lot, L1)
LOT = "L1"
COSTS = (None, "1.00", "1.01", "0.333", "2.5", "3.1416", "0.07", "12.345678")
_examples = itertools.count(1)
STATS: Counter[str] = Counter()  # what the runs exercised (printed with -s)
PHASES = [Phase.explicit, Phase.reuse, Phase.generate] + (
    [] if os.environ.get("JXC_MODEL_NO_SHRINK") == "1" else [Phase.shrink]
)


def money(x: Decimal) -> Decimal:
    return x.quantize(CENT, ROUND_HALF_UP)


def day_str(day: int) -> str:
    return (BASE + timedelta(days=day)).isoformat()


# ---- the model --------------------------------------------------------------------------------------------


@dataclass
class MMove:
    seq: int
    sku: str
    wh: str
    day: int
    qty: Decimal
    mode: (
        str  # "given" (value fixed by the document or, for a transfer-in, at posting), "average", "reversal"
    )
    fixed: Decimal | None = None
    source: int | None = None  # reversal: seq of the move it undoes
    out_index: int | None = None  # transfer-in: index in its batch of the transfer-out it mirrors
    value: Decimal = ZERO
    bal_qty: Decimal = ZERO
    bal_value: Decimal = ZERO
    bal_cost: Decimal = ZERO


@dataclass
class Model:
    moves: dict[int, MMove] = field(default_factory=dict)
    next_seq: int = 0

    def key_moves(self, key: tuple[str, str]) -> list[MMove]:
        return sorted((m for m in self.moves.values() if (m.sku, m.wh) == key), key=lambda m: (m.day, m.seq))

    def on_hand(self, key: tuple[str, str]) -> tuple[Decimal, Decimal]:
        ms = self.key_moves(key)
        return (ms[-1].bal_qty, ms[-1].bal_value) if ms else (ZERO, ZERO)

    def replay(self, key: tuple[str, str]) -> bool:
        """Value the SKU × warehouse's moves from scratch; False when its running quantity goes negative."""
        q = v = c = ZERO
        ok = True
        for m in self.key_moves(key):
            if m.mode == "given":
                assert m.fixed is not None
                raw, absorb = m.fixed, False
            elif m.mode == "average":
                raw, absorb = (money(v * m.qty / q) if q > 0 else money(m.qty * c)), True
            else:
                assert m.source is not None
                raw, absorb = -self.moves[m.source].value, True
            nq = q + m.qty
            value = -v if absorb and m.qty < 0 and nq == 0 else raw
            nv = v + value
            if nq > 0:
                c = (nv / nq).quantize(COST_STEP, ROUND_HALF_UP)
            elif m.qty > 0:
                c = (abs(value) / abs(m.qty)).quantize(COST_STEP, ROUND_HALF_UP)
            if nq < 0:
                ok = False
            m.value, m.bal_qty, m.bal_value, m.bal_cost = value, nq, nv, c
            q, v = nq, nv
        return ok

    def post(self, day: int, specs: list[dict[str, Any]]) -> list[int] | None:
        """Post a batch dated `day`; the new seqs, or None (and nothing changed) when it is refused."""
        saved = (copy.deepcopy(self.moves), self.next_seq)
        new: list[MMove] = []
        for s in specs:
            m = MMove(seq=self.next_seq, day=day, **s)
            self.next_seq += 1
            self.moves[m.seq] = m
            new.append(m)
        senders = list(dict.fromkeys((m.sku, m.wh) for m in new if m.out_index is None))
        receivers = list(dict.fromkeys((m.sku, m.wh) for m in new if m.out_index is not None))
        ok = True
        for k in senders:  # every key is re-valued, refused or not
            ok = self.replay(k) and ok
        for m in new:
            if m.out_index is not None:
                m.fixed = -new[m.out_index].value
        for k in receivers:
            ok = self.replay(k) and ok
        if not ok:
            self.moves, self.next_seq = saved
            return None
        return [m.seq for m in new]

    def absorbed_reversals(self) -> list[int]:
        return [
            m.seq
            for m in self.moves.values()
            if m.mode == "reversal" and m.source is not None and m.value != -self.moves[m.source].value
        ]


@dataclass
class Doc:
    kind: str  # opening | other_in | other_out | transfer | stocktake
    id: int
    day: int
    wh: str
    lines: list[dict[str, Any]]  # model line specs: sku, qty (base), cost value or None
    status: str = "draft"
    was_approved: bool = False
    originals: list[int] = field(default_factory=list)


# ---- the machine ------------------------------------------------------------------------------------------

skus = st.sampled_from(("X", "X", "X", "Y", "M"))
lines_out = st.lists(st.tuples(skus, st.integers(1, 6)), min_size=1, max_size=2)
lines_in = st.lists(
    st.tuples(skus, st.integers(1, 12), st.sampled_from(COSTS), st.integers(0, 7)),
    min_size=1,
    max_size=3,
)
days = st.integers(0, DAYS - 1)
early_days = st.one_of(st.integers(0, 2), days)  # receipts: mostly before what they will feed
late_days = st.one_of(st.integers(DAYS - 3, DAYS - 1), days)  # issues: mostly after
whs = st.sampled_from(("A", "B"))
picks = st.integers(0, 10_000)


class LedgerMachine(RuleBasedStateMachine):
    shop: Shop  # set by the test

    def __init__(self) -> None:
        super().__init__()
        n = next(_examples)
        self.prefix = f"Q{n:04d}"
        self.sku: dict[str, int] = {}
        for s in SKUS:
            code = self.prefix + s
            self.sku[s] = self.shop.product(code, f"模型{code}", tracking="lot" if s == "M" else "none")
        self.model = Model()
        self.docs: list[Doc] = []
        self.lot_exists = False

    # -- helpers --

    @property
    def api(self) -> Any:
        return self.shop.api

    def _body_line(self, sku: str, qty: int, unit: str = "瓶", cost: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {"sku_id": self.sku[sku], "unit_id": self.shop.units[unit], "qty": str(qty)}
        if cost is not None:
            out["unit_cost"] = cost
        if sku == "M":
            out["lot_no"] = LOT
        return out

    def _specs(self, doc: Doc) -> list[dict[str, Any]]:
        specs: list[dict[str, Any]] = []
        for ln in doc.lines:
            sku, qty = ln["sku"], ln["qty"]
            if doc.kind in ("opening", "other_in"):
                if ln["value"] is None:
                    specs.append({"sku": sku, "wh": doc.wh, "qty": qty, "mode": "average"})
                else:
                    specs.append(
                        {"sku": sku, "wh": doc.wh, "qty": qty, "mode": "given", "fixed": ln["value"]}
                    )
            elif doc.kind == "other_out":
                specs.append({"sku": sku, "wh": doc.wh, "qty": -qty, "mode": "average"})
            else:
                to = "B" if doc.wh == "A" else "A"
                specs.append({"sku": sku, "wh": doc.wh, "qty": -qty, "mode": "average"})
                specs.append({"sku": sku, "wh": to, "qty": qty, "mode": "given", "out_index": len(specs) - 1})
        return specs

    def _reversal_specs(self, doc: Doc) -> list[dict[str, Any]]:
        todo = sorted(doc.originals, key=lambda s: (self.model.moves[s].qty > 0, s))
        return [
            {
                "sku": self.model.moves[s].sku,
                "wh": self.model.moves[s].wh,
                "qty": -self.model.moves[s].qty,
                "mode": "reversal",
                "source": s,
            }
            for s in todo
        ]

    def _simulate(self, op: str, day: int, specs: list[dict[str, Any]]) -> tuple[str, list[int]]:
        """ "ok" (model updated), "refused" (model unchanged) or "skip" (restricted; model unchanged)."""
        saved = (copy.deepcopy(self.model.moves), self.model.next_seq)
        keys = {(s["sku"], s["wh"]) for s in specs}
        back = any(m.day > day for m in saved[0].values() if (m.sku, m.wh) in keys)
        seqs = self.model.post(day, specs)
        outcome = "refused" if seqs is None else "ok"
        if seqs is not None and AVOID_ABSORBED_REVERSALS and self.model.absorbed_reversals():
            self.model.moves, self.model.next_seq = saved
            outcome, seqs = "skip", None
        STATS[f"{op} {outcome}{' back-dated' if back else ''}"] += 1
        if seqs is not None:
            STATS["absorbed reversals (max)"] = max(
                STATS["absorbed reversals (max)"], len(self.model.absorbed_reversals())
            )
        return outcome, seqs or []

    def _path(self, doc: Doc) -> str:
        return "/stocktakes" if doc.kind == "stocktake" else PATHS[doc.kind]

    def _expect(self, r: Any, outcome: str, doc: Doc, status_before: str) -> None:
        if outcome == "ok":
            assert r.status_code == 200, (r.status_code, r.text)
        else:
            assert r.status_code == 409, (r.status_code, r.text)
            assert r.json()["code"] == "insufficient_stock", r.text
            now = self.api.get(f"{self._path(doc)}/{doc.id}")
            assert now.json()["status"] == status_before, now.text

    def _needs_lot(self, doc: Doc) -> bool:
        return doc.kind in ("other_out", "transfer") and any(ln["sku"] == "M" for ln in doc.lines)

    def _approve(self, doc: Doc) -> None:
        """Approve a draft; a new document that is not approved is deleted again (drafts hold no stock)."""
        if self._needs_lot(doc) and not self.lot_exists:
            r = self.shop.act(doc.kind, doc.id, "approve")
            assert r.status_code == 422, r.text
            assert r.json()["code"] == "invalid_lines", r.text
            assert any(e["code"] == "lot_unknown" for e in r.json()["errors"]), r.text
            outcome = "lot_unknown"
        else:
            outcome, seqs = self._simulate(doc.kind, doc.day, self._specs(doc))
            if outcome != "skip":
                r = self.shop.act(doc.kind, doc.id, "approve")
                self._expect(r, outcome, doc, "draft")
            if outcome == "ok":
                assert r.json()["status"] == "approved"
                doc.status, doc.originals, doc.was_approved = "approved", seqs, True
                if doc.kind in ("opening", "other_in") and any(ln["sku"] == "M" for ln in doc.lines):
                    self.lot_exists = True
                return
        if doc.status == "draft" and not doc.was_approved:
            r = self.api.delete(f"{PATHS[doc.kind]}/{doc.id}")
            assert r.status_code == 204, r.text
            self.docs.remove(doc)

    def _new_doc(
        self, kind: str, wh: str, day: int, body_lines: list[dict[str, Any]], lines: list[dict[str, Any]]
    ) -> Doc:
        extra: dict[str, Any] = {
            "reason": "other" if kind == "other_in" else "loss" if kind == "other_out" else ""
        }
        if kind == "transfer":
            extra = {"to_warehouse_id": self.shop.wh["B" if wh == "A" else "A"]}
        created = self.shop.draft(kind, body_lines, day=day_str(day), wh=wh, **extra)
        doc = Doc(kind, created["id"], day, wh, lines)
        self.docs.append(doc)
        return doc

    # -- rules --

    @initialize(
        wh=whs,
        day=st.integers(0, 2),
        qtys=st.tuples(st.integers(0, 30), st.integers(0, 30), st.integers(0, 30)),
        cost=st.sampled_from(COSTS[1:]),
    )
    def opening_stock(self, wh: str, day: int, qtys: tuple[int, int, int], cost: str) -> None:
        lines = [(sku, n, cost, 1) for sku, n in zip(SKUS, qtys, strict=True) if n]
        if lines:
            self.receive("opening", wh, day, lines)

    @rule(kind=st.sampled_from(("opening", "other_in", "other_in")), wh=whs, day=early_days, lines=lines_in)
    def receive(self, kind: str, wh: str, day: int, lines: list[tuple[str, int, str | None, int]]) -> None:
        body, model_lines = [], []
        for sku, qty, cost, unit_pick in lines:
            if kind == "opening" and cost is None:
                cost = "1.10"
            unit, n = ("箱", qty % 2 + 1) if unit_pick == 0 else ("瓶", qty)
            body.append(self._body_line(sku, n, unit, cost))
            value = money(Decimal(n) * Decimal(cost)) if cost is not None else None
            model_lines.append({"sku": sku, "qty": Decimal(n * (24 if unit == "箱" else 1)), "value": value})
        self._approve(self._new_doc(kind, wh, day, body, model_lines))

    @rule(wh=whs, day=late_days, lines=lines_out)
    def issue(self, wh: str, day: int, lines: list[tuple[str, int]]) -> None:
        body = [self._body_line(sku, qty) for sku, qty in lines]
        model_lines = [{"sku": sku, "qty": Decimal(qty), "value": None} for sku, qty in lines]
        self._approve(self._new_doc("other_out", wh, day, body, model_lines))

    @rule(wh=whs, day=late_days, lines=lines_out)
    def transfer(self, wh: str, day: int, lines: list[tuple[str, int]]) -> None:
        body = [self._body_line(sku, qty) for sku, qty in lines]
        model_lines = [{"sku": sku, "qty": Decimal(qty), "value": None} for sku, qty in lines]
        self._approve(self._new_doc("transfer", wh, day, body, model_lines))

    @rule(
        wh=whs,
        day=days,
        counts=st.lists(
            st.tuples(st.sampled_from(SKUS), st.integers(-6, 6)), max_size=3, unique_by=lambda t: t[0]
        ),
    )
    def stocktake(self, wh: str, day: int, counts: list[tuple[str, int]]) -> None:
        r = self.api.post("/stocktakes", {"warehouse_id": self.shop.wh[wh], "business_date": day_str(day)})
        assert r.status_code == 201, r.text
        doc = Doc("stocktake", r.json()["id"], day, wh, [])
        self.docs.append(doc)
        specs = []
        for sku, delta in counts:
            book = self.model.on_hand((sku, wh))[0]
            counted = max(book + delta, ZERO)
            body: dict[str, Any] = {"sku_id": self.sku[sku], "qty": str(counted)}
            if sku == "M":
                body["lot_no"] = LOT
            r = self.api.put(f"/stocktakes/{doc.id}/counts", body)
            assert r.status_code == 200, r.text
            assert Decimal(r.json()["book_qty"]) == book, r.text
            if sku == "M":
                self.lot_exists = True
            if counted != book:
                specs.append(
                    (self.sku[sku], {"sku": sku, "wh": wh, "qty": counted - book, "mode": "average"})
                )
        # The ledger gets losses first, then gains, each by SKU id.
        ordered = [s for _, s in sorted(specs, key=lambda t: (t[1]["qty"] > 0, t[0]))]
        outcome, seqs = self._simulate("stocktake", day, ordered)
        if outcome == "skip":
            return
        r = self.api.post(f"/stocktakes/{doc.id}/approve")
        self._expect(r, outcome, doc, "draft")
        if outcome == "ok":
            doc.status, doc.originals = "approved", seqs

    def _approved(self) -> list[Doc]:
        return [d for d in self.docs if d.status == "approved"]

    @precondition(lambda self: any(d.status == "approved" for d in self.docs))
    @rule(pick=picks, later=st.sampled_from((0, 0, 1, 3)))
    def reverse(self, pick: int, later: int) -> None:
        docs = self._approved()
        doc = docs[pick % len(docs)]
        day = doc.day + later
        outcome, _ = self._simulate("reverse", day, self._reversal_specs(doc))
        if outcome == "skip":
            return
        body = {"business_date": day_str(day)} if later else None
        r = self.api.post(f"{self._path(doc)}/{doc.id}/reverse", body)
        self._expect(r, outcome, doc, "approved")
        if outcome == "ok":
            assert r.json()["status"] == "reversed"
            doc.status, doc.originals = "reversed", []

    @precondition(lambda self: any(d.status == "approved" and d.kind != "stocktake" for d in self.docs))
    @rule(pick=picks)
    def unapprove(self, pick: int) -> None:
        docs = [d for d in self._approved() if d.kind != "stocktake"]
        doc = docs[pick % len(docs)]
        outcome, _ = self._simulate("unapprove", doc.day, self._reversal_specs(doc))
        if outcome == "skip":
            return
        r = self.shop.act(doc.kind, doc.id, "unapprove")
        self._expect(r, outcome, doc, "approved")
        if outcome == "ok":
            assert r.json()["status"] == "draft"
            doc.status, doc.originals = "draft", []

    @precondition(lambda self: any(d.status == "draft" and d.kind != "stocktake" for d in self.docs))
    @rule(pick=picks)
    def approve_draft(self, pick: int) -> None:
        docs = [d for d in self.docs if d.status == "draft" and d.kind != "stocktake"]
        self._approve(docs[pick % len(docs)])

    # -- the checks --

    @invariant()
    def ledger_matches_model(self) -> None:
        ids = {v: k for k, v in self.sku.items()}
        whs_by_id = {v: k for k, v in self.shop.wh.items()}
        r = self.api.get("/stock-balances", params={"q": self.prefix, "nonzero": "false", "page_size": 100})
        assert r.status_code == 200, r.text
        got = {
            (ids[b["sku_id"]], whs_by_id[b["warehouse_id"]]): (Decimal(b["on_hand"]), Decimal(b["value"]))
            for b in r.json()["items"]
            if b["sku_id"] in ids and b["warehouse_id"] in whs_by_id
        }
        for sku in SKUS:
            for wh in ("A", "B"):
                want = self.model.on_hand((sku, wh))
                assert got.get((sku, wh), (ZERO, ZERO)) == want, (sku, wh, got.get((sku, wh)), want)
        with self.api.db.transaction(writer=False, company_id=1) as s:
            rows = s.execute(
                select(
                    StockMove.sku_id,
                    StockMove.warehouse_id,
                    StockMove.business_date,
                    StockMove.qty,
                    StockMove.value,
                    StockMove.balance_qty,
                    StockMove.balance_value,
                    StockMove.balance_cost,
                )
                .where(StockMove.sku_id.in_(list(ids)))
                .order_by(StockMove.sku_id, StockMove.warehouse_id, StockMove.business_date, StockMove.id)
            ).all()
        ledger: dict[tuple[str, str], list[tuple[Any, ...]]] = {}
        for sku_id, wh_id, day, *rest in rows:
            ledger.setdefault((ids[sku_id], whs_by_id[wh_id]), []).append((day, *rest))
        for sku in SKUS:
            for wh in ("A", "B"):
                want_moves = [
                    (BASE + timedelta(days=m.day), m.qty, m.value, m.bal_qty, m.bal_value, m.bal_cost)
                    for m in self.model.key_moves((sku, wh))
                ]
                assert ledger.get((sku, wh), []) == want_moves, (sku, wh)
        assert self.shop.verify() == []


def test_ledger_agrees_with_the_model(shop: Shop) -> None:
    LedgerMachine.shop = shop
    run_state_machine_as_test(
        LedgerMachine,
        settings=settings(
            max_examples=int(os.environ.get("JXC_MODEL_EXAMPLES", "8")),
            stateful_step_count=int(os.environ.get("JXC_MODEL_STEPS", "20")),
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
            phases=PHASES,
        ),
    )
    print(dict(STATS))


# ---- fixed scenarios the machine found or that pin the rules --------------------------------------------


def test_reversal_follows_its_source_after_a_back_dated_posting(shop: Shop) -> None:
    shop.post("opening", [shop.line("COLA", "2", "1.00")], day="2026-11-01")
    shop.post("other_out", [shop.line("COLA", "1")], day="2026-11-02", reason="loss")
    receipt = shop.post("other_in", [shop.line("COLA", "1", "1.50")], day="2026-11-03", reason="other")
    shop.post("other_out", [shop.line("COLA", "1")], day="2026-11-04", reason="loss")  # 1.25 (2.50 / 2)
    # The reversal of the 1.50 receipt empties the stock, so it takes the 1.25 left, not 1.50.
    r = shop.act("other_in", receipt["id"], "reverse", {"business_date": "2026-11-05"})
    assert r.status_code == 200, r.text
    assert shop.balance("COLA") == ("0.0000", "0.00")
    # A receipt back-dated to 11-03 (after the 1.50 receipt): 3 / 3.50 → the 11-04 issue takes 1.17 → 2 / 2.33;
    # the reversal no longer empties the stock, so it is −1.50 again → 1 / 0.83 (a full replay gives the same).
    shop.post("other_in", [shop.line("COLA", "1", "1.00")], day="2026-11-03", reason="other")
    assert shop.verify() == []
    assert shop.balance("COLA") == ("1.0000", "0.83")
