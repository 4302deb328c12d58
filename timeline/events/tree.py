"""The parse as a tree to walk: children and conjuncts that cost what they return.

spaCy's `Token.children`, `Token.subtree` and `Token.conjuncts` scan the token's
whole span of the text. On a chain of clauses ("the minister said that the
minister said that ...") each call then costs the length of the sentence, and
reading a long sentence the square of it. The events package walks the tree
through these instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from timeline import work

if TYPE_CHECKING:
    from spacy.tokens import Token


_KIDS = "timeline.children"


def kids(tok: Token) -> list[Token]:
    """The children of a token, from an index of the parse built once per Doc.

    spaCy's `Token.children` scans the token's whole span of the text: on a
    chain of clauses ("the minister said that the minister said that ...") each
    call costs the length of the sentence, and the reading of a long sentence
    the square of it. Here each call costs the number of children.
    """
    doc = tok.doc
    index: list[list[int]] | None = doc.user_data.get(_KIDS)
    if index is None or len(index) != len(doc):
        import numpy
        from spacy.attrs import HEAD

        index = [[] for _ in range(len(doc))]
        if len(doc):
            # heads relative to each token, stored unsigned: read them as signed
            rel = doc.to_array([HEAD]).reshape(-1).view(numpy.int64).tolist()
            for i, r in enumerate(rel):
                if r:
                    index[i + r].append(i)
        doc.user_data[_KIDS] = index
    found = index[tok.i]
    work.charge()  # a step a call (timeline.work): its cost is its few children
    return [doc[i] for i in found]


def conjuncts(tok: Token) -> list[Token]:
    """The tokens joined to `tok` by "and"/"or" (spaCy's `Token.conjuncts`, through `kids`)."""
    root = tok
    for _ in range(50):
        if root.dep_ != "conj" or root.head.i == root.i:
            break
        root = root.head
    out: list[Token] = []
    stack = [root]
    while stack and len(out) < 50:
        t = stack.pop()
        if t.i != tok.i:
            out.append(t)
        stack.extend(c for c in kids(t) if c.dep_ == "conj")
    return sorted(out, key=lambda t: t.i)


def possessor_of(tok: Token) -> Token | None:
    """Who does what a noun's complement says, by the noun's possessor: "the rebels'
    success [in taking the city]", "the side's decision [to suspend flights]": the
    possessor of the noun that `tok` (a "prep" or "acl" under the noun) hangs from."""
    if tok.dep_ not in ("prep", "acl") or tok.head.pos_ != "NOUN":
        return None
    return next((c for c in kids(tok.head) if c.dep_ == "poss"), None)


def antecedent(relative_clause: Token) -> Token:
    """What a relative clause is said of: its head noun, or the name that noun
    describes ("Lubumbashi, Zaire's second city and its economic hub, which was
    captured": Lubumbashi, through the apposition and the conjunction)."""
    up = relative_clause.head
    for _ in range(5):
        if up.ent_type_ or up.pos_ == "PROPN":
            return up
        if up.dep_ not in ("appos", "conj"):
            break
        up = up.head
    return relative_clause.head


# Pronouns that open a relative clause ("Lubumbashi, which was captured").
RELATIVE = frozenset({"which", "who", "that", "whom"})


def relative_clause(pronoun: Token) -> Token | None:
    """The relative clause a relative pronoun opens, also through a conjunction ("the
    leader, who has served ... and who is expected to be named": both are his)."""
    if pronoun.lower_ not in RELATIVE:
        return None
    clause = pronoun.head
    for _ in range(4):
        if clause.dep_ == "relcl":
            return clause
        if clause.dep_ != "conj" or clause.head.i == clause.i:
            return None
        clause = clause.head
    return None


# Hyphens that join the pieces of one word ("US-led", "re-open", "rebel-held").
HYPHENS = frozenset({"-", "‐", "–"})


def glued(tok: Token) -> bool:
    """Whether a token and the next are written as one hyphened word: "US" and "-"
    of "US-led", "-" and "led", "pro-" and "India"."""
    doc = tok.doc
    if tok.i + 1 >= len(doc) or tok.whitespace_:
        return False
    nxt = doc[tok.i + 1]
    return (
        tok.text in HYPHENS
        or nxt.text in HYPHENS
        or tok.text.endswith("-")
        or nxt.text.startswith("-")
    )
