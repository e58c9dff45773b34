"""The word-level grammar checks NL410-NL413: small articles in, (code, line, column) out."""

from __future__ import annotations

import pytest

from newslint.config import Config
from newslint.diagnostic import Applicability
from newslint.fix import apply_fixes
from newslint.loaders.text import parse_text
from newslint.rule import RuleContext
from newslint.rules.usage import ConfusedWords, MissingArticle, MissingTo, SubjectVerbAgreement


def run(rule, text):
    article = parse_text("story.txt", text)
    return article, list(rule.check(article, RuleContext(config=Config(), options=dict(rule.options))))


def story(body: str) -> str:
    return f"A headline for the test\n\n{body}\n"


def fixed(rule, body):
    """The body with the rule's one finding's fix applied (unsafe fixes included)."""
    article, diags = run(rule, story(body))
    assert len(diags) == 1, [d.message for d in diags]
    assert diags[0].fix is not None and diags[0].fix.applicability is Applicability.UNSAFE
    new, _ = apply_fixes(article, diags, unsafe=True)
    return new.removeprefix("A headline for the test\n\n").removesuffix("\n")


# -- NL410 confused-words ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "slip", "right"),
    [
        ("The councils had made there own plans for the winter.", "there", "their"),
        ("You can build you're own computer from parts.", "you're", "your"),
        ("Every club has it\u2019s own academy now.", "it’s", "its"),
        ("The minister said its not the time for a change.", "its", "it's"),
        ("Fans say their going to boycott the final.", "their", "they're"),
        ("Officials said their is no threat to the public.", "their", "there"),
        ("The striker, whose been injured since May, is back.", "whose", "who's"),
        ("The side were loosing by two goals at half-time.", "loosing", "losing"),
        ("Councils will loose more of their funding next year.", "loose", "lose"),
        ("Operators loose a large share of their revenue.", "loose", "lose"),
        ("The board agreed in principal to the takeover.", "principal", "principle"),
        ("Jane Smith, principle analyst at the firm, said so.", "principle", "principal"),
        ("The teachers stated there intentions at the meeting.", "there", "their"),
        ("The singer, who's parents fled the war, was born here.", "who's", "whose"),
    ],
)
def test_confused_word_replaced_by_its_twin(body, slip, right):
    assert fixed(ConfusedWords(), body) == body.replace(slip, right, 1)


def test_confused_word_position_message_and_case():
    _, (d,) = run(ConfusedWords(), story("Its not over yet, the manager said."))
    assert (d.code, d.rule, d.start.line, d.start.column, d.end.column) == ("NL410", "confused-words", 3, 1, 4)
    assert d.message == '"Its" may be a slip for "It\'s" (before a verb)'
    assert d.suggestions == ("It's",)


@pytest.mark.parametrize(
    "body",
    [
        "The firm reported its own figures and their own forecasts.",
        "There is no sign of a deal, and there are few talks planned.",
        "Its chief executive said its not-for-profit arm would close.",
        "Rioters let loose a volley of stones; one dog broke loose the next day.",
        "The screws came loose and the rope was loose all day.",
        "The principle of free movement is a principle that matters.",
        "In principle, the principal investigator agreed.",
        "It was their already fragile lead that collapsed.",
        "The man who's playing tonight is the one who's never lost.",
        "Families who lived there years ago say what is there now is new.",
        "You're right that your team is top of the league.",
        "They hope to lose no more ground, and could lose the seat.",
    ],
)
def test_confused_words_leave_good_english(body):
    assert run(ConfusedWords(), story(body))[1] == []


def test_confused_word_by_usage_is_not_reported_inside_a_quotation():
    body = 'The mayor said: "The people there need help, not speeches."'
    assert run(ConfusedWords(), story(body))[1] == []


# -- NL411 missing-to ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "slip", "right"),
    [
        ("The update is expected be available next month.", " be ", " to be "),
        ("The compromises that had be made were costly.", " be ", " to be "),
        ("The monuments needed be reviewed, the report said.", " be ", " to be "),
        ("Rules are likely be relaxed during the tournament.", " be ", " to be "),
        ("The bridge has yet be finished.", " be ", " to be "),
        ("It still remains be seen what the board decides.", " be ", " to be "),
    ],
)
def test_missing_to_inserted(body, slip, right):
    assert fixed(MissingTo(), body) == body.replace(slip, right, 1)


def test_missing_to_position_and_message():
    _, (d,) = run(MissingTo(), story("The plan seems be working."))
    assert (d.code, d.start.line, d.start.column, d.end.column) == ("NL411", 3, 10, 18)
    assert d.message == '"seems be" may be missing "to": "seems to be"'


@pytest.mark.parametrize(
    "body",
    [
        "The deal could yet be saved, and it will likely be signed.",
        "We will pay more if need be.",
        "Let It Be was the last album; the Oasis record is Be Here Now.",
        "He is expected to be fit and is going to be there.",
    ],
)
def test_missing_to_leaves_good_english(body):
    assert run(MissingTo(), story(body))[1] == []


# -- NL412 subject-verb-agreement ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "slip", "right"),
    [
        ("BMW said it were confident of meeting the target.", "were", "was"),
        ("The club said he have been injured since May.", "have", "has"),
        ("The fans insist they was never told.", "was", "were"),
        ("Officials said no-one were hurt in the blast.", "were", "was"),
        ("Users said it aren\u2019t easy to switch.", "aren", "isn"),
    ],
)
def test_pronoun_agreement_fixed(body, slip, right):
    assert fixed(SubjectVerbAgreement(), body) == body.replace(slip, right, 1)


@pytest.mark.parametrize(
    "body",
    [
        "If it were up to me, and as it were, I wish he were here.",
        "Does it have a future? Would she have won? Let it have its day.",
        "Few details about it have been released, and users keen to try it were turned away.",
        "The IT departments have grown; staff in IT have left.",
        "Everything Or Nothing were the games of the year.",
        "The board demanded that she have a chaperone.",
    ],
)
def test_pronoun_agreement_leaves_good_english(body):
    assert run(SubjectVerbAgreement(), story(body))[1] == []


def test_pronoun_agreement_leaves_speech_alone():
    assert run(SubjectVerbAgreement(), story('"He don\'t care," the coach said.'))[1] == []


# -- NL413 missing-article -----------------------------------------------------------------------


def test_missing_article_inserted_and_positioned():
    body = "Thompson scored at start of the second half."
    assert fixed(MissingArticle(), body) == "Thompson scored at the start of the second half."
    _, (d,) = run(MissingArticle(), story(body))
    assert (d.code, d.start.line, d.start.column, d.end.column) == ("NL413", 3, 17, 28)
    assert d.message == '"at start of" may be missing "the": "at the start of"'


@pytest.mark.parametrize(
    "body",
    [
        "On top of that, the firm sits on top of the rankings.",
        "She spoke in front of the court on behalf of the family.",
        "At the start of the season, the rest of the squad trained.",
        "They rose to the top of the table ahead of the final, in the wake of the storm.",
        "She moved to head office; of course, the head of news agreed.",
    ],
)
def test_missing_article_leaves_good_english(body):
    assert run(MissingArticle(), story(body))[1] == []


@pytest.mark.parametrize(
    ("body", "right"),
    [
        ("Minar won in final of the Sydney event.", "in the final of"),
        ("Prices rose in wake of the storm.", "in the wake of"),
        ("Chelsea went to top of the table.", "to the top of"),
        ("Rain fell during process of counting.", "during the process of"),
    ],
)
def test_missing_article_before_more_part_and_position_nouns(body, right):
    assert right in fixed(MissingArticle(), body)


def test_missing_article_leaves_headlines_alone():
    assert run(MissingArticle(), "Man dies on eve of wedding\n\nThe body of the story.\n")[1] == []


@pytest.mark.parametrize(
    ("body", "slip", "right"),
    [
        ("They could win the next games or lose them, and we loose them often.", "loose", "lose"),
        ("It's like you go there and you loose the first set.", "loose", "lose"),
        ("It can go on if Republicans loose one of the houses.", "loose", "lose"),
        ("Its no good just exhorting people to vote.", "Its", "It's"),
        ("An interesting article - its good to see more people taking part.", "its", "it's"),
        ("I know its true that she is not well.", "its", "it's"),
        ("Once the cull has finished its probably too late.", "its", "it's"),
        ("Hitachi has put a robot in it\u2019s first advert.", "it’s", "its"),
        ("Officers asked about there contacts with the firm.", "there", "their"),
        ("The home secretary, who\u2019s five-year blueprint was published, spoke.", "who’s", "whose"),
    ],
)
def test_more_confusions_replaced(body, slip, right):
    assert fixed(ConfusedWords(), body) == body.replace(slip, right, 1)


@pytest.mark.parametrize("body", ["The screw was a loose one, and the officers set you loose."])
def test_loose_as_an_adjective_is_left_alone(body):
    assert run(ConfusedWords(), story(body))[1] == []


@pytest.mark.parametrize(
    "body",
    [
        "They assessed its likely economic impact and its true form; its so-called reforms so far failed.",
        "If you've got stuff to get rid of it's a good place to do it.",
        "Everything in there was good, and over there is the seventh, said the man from there.",
        "It was left in its hard-to-reach corner, and its clearly stated aims stood.",
        "The owner, who's well-known for it, is the man who's part-owner of the club and who's 80-year-old.",
    ],
)
def test_possessive_and_clause_are_told_by_the_words_around(body):
    assert run(ConfusedWords(), story(body))[1] == []


def test_missing_to_after_a_reflexive_but_not_after_let():
    assert fixed(MissingTo(), "Politicians had shown themselves be dishonest.") == (
        "Politicians had shown themselves to be dishonest."
    )
    assert run(MissingTo(), story("The party let itself be led by its members."))[1] == []


@pytest.mark.parametrize(
    ("body", "slip", "right"),
    [
        ("Critics say that it have become too commercial.", "have", "has"),
        ("The trouble was that the characters was not sweet at all.", "was not", "were not"),
        ("Petrel said that it have not received any information.", "have", "has"),
        ("He argued that Mr Sharon were committed to the plan.", "were", "was"),
        ("When I did that I were so relieved.", "I were", "I was"),
    ],
)
def test_agreement_of_a_perfect_and_of_a_plural_noun(body, slip, right):
    assert fixed(SubjectVerbAgreement(), body) == body.replace(slip, right, 1)


@pytest.mark.parametrize(
    "body",
    [
        "One of the players was hurt, and among the problems is a shortage of staff.",
        "The news is good: the series was renewed and the Producers has opened.",
        "The Producers has beaten Mary Poppins.",
        "Relations between Mr Brown and Mr Milburn are poor; the changes proposed by Lord Dubs were complex.",
        "My family and I were fond of him, and if I were you, World War I is the subject.",
        "Would Mr Smith have known? He said that Mr Blair's ministers were told.",
    ],
)
def test_agreement_of_a_plural_noun_leaves_good_english(body):
    assert run(SubjectVerbAgreement(), story(body))[1] == []


def test_each_confusion_is_gated_by_words_of_its_own_pattern():
    # A block without a gate string is never searched, so each must be one the pattern spells
    # (with either apostrophe: "it's" is gated by "it'" and "it\u2019").
    from newslint.rules.usage import _CONFUSIONS

    for needles, pattern, _twin, _why in _CONFUSIONS:
        text = pattern.pattern.lower().replace("[ll]", "l").replace("[ii]", "i").replace(
            "[yy]", "y").replace("[tt]", "t").replace("[ww]", "w")
        spelt = (text.replace("['\u2019]", "'"), text.replace("['\u2019]", "\u2019"))
        assert needles and all(any(n in s for s in spelt) for n in needles), (needles, pattern.pattern)


@pytest.mark.parametrize(
    "body", ["Councils said in it's first report that it was late.", "Fans in it\u2019s own ground."]
)
def test_a_confusion_with_a_curly_or_straight_apostrophe_is_searched(body):
    found = run(ConfusedWords(), story(body))[1]
    assert [d.message for d in found][:1] and "it" in found[0].message.lower()


# -- a bare "be" after any word that cannot take one, and subjects read back from the verb ---------


@pytest.mark.parametrize(
    ("body", "slip", "right"),
    [
        ("The game is widely tipped be one of the best sellers.", "tipped be", "tipped to be"),
        ("A man claiming be the courier was arrested.", "claiming be", "claiming to be"),
        ("The study, which claims be the most detailed, is out.", "claims be", "claims to be"),
        ("There were calls for it be cancelled in 2003.", "it be", "it to be"),
        ("They allowed the pictures be taken after the match.", "pictures be", "pictures to be"),
        ("Those on high incomes, judged be $75,000 or more, pay.", "judged be", "judged to be"),
    ],
)
def test_bare_be_gets_its_to(body, slip, right):
    assert fixed(MissingTo(), body) == body.replace(slip, right, 1)


@pytest.mark.parametrize(
    "body",
    [
        "They demanded that the ban be lifted, and he insisted the law be changed.",
        "Would the minister be told? Nor would the rush to make phones be a reason.",
        "Let it be known that we help young artists be discovered.",
        "So be it. The powers that be decided. Whether it be the BBC or ITV, we watch.",
        "It could once again be developed and will no longer be authorised.",
        "It wouldnt be the same, he said.",
        "The game with be won or lost up front.",  # a slip, but of "will", not of a dropped "to"
    ],
)
def test_bare_be_leaves_good_english_and_other_slips(body):
    assert run(MissingTo(), story(body))[1] == []


def test_bare_be_is_left_in_a_headline():
    assert run(MissingTo(), "Star tipped be champion\n\nThe body of the story.\n")[1] == []


@pytest.mark.parametrize(
    ("body", "slip", "right"),
    [
        ("Traffic was so heavy that the website were closed.", "website were", "website was"),
        ("There were fears that Asian central banks was about to sell.", "banks was", "banks were"),
        ("The rule is that the interests of the child is paramount.", "child is", "child are"),
        ("He said that confirmation of the findings were sent on Friday.", "findings were", "findings was"),
        ("He warned that their internet use have been monitored.", "use have", "use has"),
        ("The bank said that inflation have been reined in.", "inflation have", "inflation has"),
        ("It was clear that there were a serious problem.", "there were a", "there was a"),
        ("The family denied that there were anything wrong.", "there were anything", "there was anything"),
    ],
)
def test_agreement_of_a_noun_phrase_read_back_from_the_verb(body, slip, right):
    assert fixed(SubjectVerbAgreement(), body) == body.replace(slip, right, 1)


@pytest.mark.parametrize(
    "body",
    [
        # collectives and quantities take either number in British English
        "The crowd were roused and the government are divided; the majority were against.",
        "He said that the couple were happy and that the staff have left.",
        # two subjects, a subjunctive, a mandative, a partitive, a measure
        "The players and the coach were happy. If the website were closed, we would know.",
        "I wish that the world were kinder. The rules require that the applicant have a licence.",
        "A third of voters were undecided, and most of the staff were there.",
        "He said that five years of work has gone, and that a wave of protests have followed.",
        # a participle or a verb after the noun, and a compound
        "Those arrested are in custody; the firms involved were fined.",
        "He said that denial of service attacks are rising.",
        # adverbs, question words and conjunctions are no nouns
        "How far are they? Voters now have a say, but no doubt have doubts.",
        # quantities after "there"
        "There were a number of problems. There are a lot of people. There were an estimated 300.",
        "There were one or two issues, and there are a few left.",
    ],
)
def test_agreement_of_a_noun_phrase_leaves_good_english(body):
    assert run(SubjectVerbAgreement(), story(body))[1] == []
