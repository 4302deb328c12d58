from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline.errors import InputError
from timeline.timeml import GoldEvent, GoldLink, GoldTimex, parse_timeml, read_timeml

SAMPLE = """<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<DOCID>NYT19980206.0460</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-06" temporalFunction="false" \
functionInDocument="CREATION_TIME">February 6, 1998</TIMEX3></DCT>
<TITLE>Markets &amp; talks</TITLE>
<TEXT>
Johnson &amp; Johnson <EVENT eid="e1" class="REPORTING">said</EVENT> \
<TIMEX3 tid="t1" type="DATE" value="1998-02-05" temporalFunction="true" \
functionInDocument="NONE" anchorTimeID="t0">Thursday</TIMEX3> that &lt;profits&gt; \
<EVENT eid="e2" class="OCCURRENCE">rose</EVENT> <SIGNAL sid="s1">for</SIGNAL> \
<TIMEX3 tid="t2" type="DURATION" value="P3Y" mod="MORE_THAN">more than three years</TIMEX3>.
"Caf\u00e9" &#8212; <TIMEX3 tid="t3" type="SET" value="P1W" quant="EVERY">every week</TIMEX3>
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
</TimeML>
"""

EXPECTED_TEXT = (
    "\nJohnson & Johnson said Thursday that <profits> rose for more than three years.\n"
    '"Caf\u00e9" \u2014 every week\n'
)


def test_text_is_the_character_content_of_text() -> None:
    doc = parse_timeml(SAMPLE.encode("utf-8"))
    assert doc.text == EXPECTED_TEXT


def test_offsets_point_into_the_text() -> None:
    doc = parse_timeml(SAMPLE.encode("utf-8"))
    assert doc.timexes == (
        GoldTimex(24, 32, "Thursday", "DATE", "1998-02-05", "t1"),
        GoldTimex(57, 78, "more than three years", "DURATION", "P3Y", "t2", "MORE_THAN"),
        GoldTimex(89, 99, "every week", "SET", "P1W", "t3"),
    )
    for t in doc.timexes:
        assert doc.text[t.start : t.end] == t.text
    assert doc.events == (
        GoldEvent(19, 23, "said", "e1", "REPORTING"),
        GoldEvent(48, 52, "rose", "e2", "OCCURRENCE"),
    )
    for e in doc.events:
        assert doc.text[e.start : e.end] == e.text


LINKED = """<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-06" functionInDocument="CREATION_TIME">\
1998-02-06</TIMEX3></DCT>
<TEXT>The envoys <EVENT eid="e1" class="OCCURRENCE">met</EVENT> \
<TIMEX3 tid="t1" type="DATE" value="1998-02-05">Thursday</TIMEX3>, an aide \
<EVENT eid="e2" class="REPORTING">said</EVENT>.</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1"/>
<TLINK lid="l2" relType="INCLUDES" timeID="t0" relatedToEventInstance="ei2"/>
<TLINK lid="l3" relType="BEFORE" eventInstanceID="ei1" relatedToEventInstance="ei2"/>
<TLINK lid="l4" relType="DURING" eventInstanceID="ei9" relatedToTime="t1"/>
</TimeML>
"""


def test_tlinks_resolve_event_instances_to_events() -> None:
    doc = parse_timeml(LINKED)
    assert doc.links == (
        GoldLink("l1", "IS_INCLUDED", event="e1", related_time="t1"),
        GoldLink("l2", "INCLUDES", time="t0", related_event="e2"),
        GoldLink("l3", "BEFORE", event="e1", related_event="e2"),
        # an instance no MAKEINSTANCE declares: the link is kept, its event unknown
        GoldLink("l4", "DURING", related_time="t1"),
    )


def test_no_tlinks() -> None:
    assert parse_timeml(SAMPLE.encode("utf-8")).links == ()


def test_dct_id_and_title() -> None:
    doc = parse_timeml(SAMPLE.encode("utf-8"))
    assert doc.dct == date(1998, 2, 6)
    assert doc.dct_value == "1998-02-06"
    assert doc.id == "NYT19980206.0460"
    assert doc.title == "Markets & talks"
    # The creation time outside TEXT is not a gold timex of the text.
    assert all(t.tid != "t0" for t in doc.timexes)


def test_dct_with_a_time_gives_its_date() -> None:
    xml = SAMPLE.replace('value="1998-02-06"', 'value="1998-02-06T14:30"')
    doc = parse_timeml(xml)
    assert doc.dct == date(1998, 2, 6)
    assert doc.dct_value == "1998-02-06T14:30"


def test_dct_with_only_a_month_is_none() -> None:
    doc = parse_timeml(SAMPLE.replace('value="1998-02-06"', 'value="1998-02"'))
    # The element text "February 6, 1998" is not a TIMEX3 value either.
    assert doc.dct is None
    assert doc.dct_value == "1998-02"


def test_no_dct() -> None:
    doc = parse_timeml("<TimeML><TEXT>On <TIMEX3 tid='t1'>Monday</TIMEX3>.</TEXT></TimeML>")
    assert doc.dct is None
    assert doc.dct_value is None
    assert doc.text == "On Monday."
    assert doc.timexes[0].text == "Monday"
    assert doc.id == "document"


def test_dct_inside_text_is_both_dct_and_gold() -> None:
    xml = (
        "<TimeML><TEXT><TIMEX3 tid='t0' type='DATE' value='2001-03-04' "
        "functionInDocument='CREATION_TIME'>March 4, 2001</TIMEX3> Talks.</TEXT></TimeML>"
    )
    doc = parse_timeml(xml)
    assert doc.dct == date(2001, 3, 4)
    assert [t.text for t in doc.timexes] == ["March 4, 2001"]


def test_crlf_is_normalised_like_any_xml_parser(tmp_path: Path) -> None:
    path = tmp_path / "APW19980807.0261.tml"
    path.write_bytes(
        b"<TimeML>\r\n<TEXT>\r\nOne\r\n<TIMEX3 tid='t1' type='DATE' value='1998'>1998</TIMEX3>"
        b"\r\n</TEXT></TimeML>"
    )
    doc = read_timeml(path)
    assert doc.text == "\nOne\n1998\n"
    assert doc.timexes[0].start == 5
    assert doc.id == "APW19980807.0261"
    assert doc.source == str(path)


def test_read_from_path_and_bytes_agree(tmp_path: Path) -> None:
    path = tmp_path / "doc.tml"
    path.write_text(SAMPLE, encoding="utf-8")
    from_path = read_timeml(path)
    from_str_path = read_timeml(str(path))
    from_bytes = read_timeml(SAMPLE.encode("utf-8"))
    assert from_path.id == "doc"  # a file's id is its name without the extension
    assert from_bytes.id == "NYT19980206.0460"  # bytes have no name: DOCID
    assert from_path.text == from_bytes.text == from_str_path.text
    assert from_path.timexes == from_bytes.timexes


def test_namespaced_timeml() -> None:
    xml = (
        '<TimeML xmlns="http://www.timeml.org/site/publications/specs"><TEXT>'
        '<TIMEX3 tid="t1" type="DATE" value="2003">2003</TIMEX3></TEXT></TimeML>'
    )
    doc = parse_timeml(xml)
    assert doc.text == "2003"
    assert doc.timexes[0].value == "2003"


def test_nested_tags_keep_document_order() -> None:
    xml = (
        "<TimeML><TEXT>a <TIMEX3 tid='t1' type='DATE' value='1998-W01'>the week of "
        "<TIMEX3 tid='t2' type='DATE' value='1998-01-02'>Jan 2</TIMEX3></TIMEX3> b</TEXT></TimeML>"
    )
    doc = parse_timeml(xml)
    assert [(t.tid, t.start, t.end) for t in doc.timexes] == [("t1", 2, 19), ("t2", 14, 19)]


def test_deep_nesting_does_not_exhaust_the_stack() -> None:
    depth = 5000
    xml = "<TimeML><TEXT>" + "<s>" * depth + "x" + "</s>" * depth + "</TEXT></TimeML>"
    assert parse_timeml(xml).text == "x"


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<TimeML><TEXT>&lol9;</TEXT></TimeML>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE TimeML [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<TimeML><TEXT>&xxe;</TEXT></TimeML>
"""


def test_billion_laughs_is_refused() -> None:
    with pytest.raises(InputError, match="unsafe XML: entity declarations are not allowed") as e:
        parse_timeml(BILLION_LAUGHS.encode(), source="bomb.tml")
    assert e.value.source == "bomb.tml"
    assert str(e.value).startswith("bomb.tml: unsafe XML")


def test_external_entity_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "xxe.tml"
    path.write_text(EXTERNAL_ENTITY)
    with pytest.raises(InputError, match="unsafe XML: entity declarations are not allowed") as e:
        read_timeml(path)
    assert e.value.source == str(path)


def test_doctype_without_entities_is_accepted() -> None:
    xml = '<!DOCTYPE TimeML SYSTEM "TimeML.dtd">\n<TimeML><TEXT>plain</TEXT></TimeML>'
    assert parse_timeml(xml).text == "plain"


def test_malformed_xml_gives_the_line() -> None:
    xml = "<TimeML>\n<TEXT>\nOn <TIMEX3 tid='t1'>Monday</EVENT>\n</TEXT>\n</TimeML>\n"
    with pytest.raises(InputError, match=r"malformed TimeML at line 3, column \d+: mismatched tag"):
        parse_timeml(xml, source="bad.tml")
    with pytest.raises(InputError) as e:
        parse_timeml(xml, source="bad.tml")
    assert e.value.line == 3
    assert str(e.value).startswith("bad.tml:3: ")


def test_undefined_entity_is_malformed() -> None:
    with pytest.raises(InputError, match=r"malformed TimeML at line 1.*undefined entity"):
        parse_timeml("<TimeML><TEXT>&nbsp;</TEXT></TimeML>")


def test_missing_text_element() -> None:
    with pytest.raises(InputError, match="no TEXT element"):
        parse_timeml("<TimeML><DOCID>x</DOCID></TimeML>")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read file") as e:
        read_timeml(tmp_path / "nope.tml")
    assert e.value.source == str(tmp_path / "nope.tml")


def test_empty_input_is_malformed() -> None:
    with pytest.raises(InputError, match="malformed TimeML at line 1"):
        parse_timeml(b"")
