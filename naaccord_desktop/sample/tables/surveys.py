"""Substance use and mental health surveys: one row per question answered."""

from __future__ import annotations

from collections.abc import Iterator

from ..universe import TableContext, by_follow_up, csv_field, iso_days, safe_log, sorted_days, wheel

SUBSTANCE_QUESTIONS = (
    ("tobacco_use", "Do you use tobacco?", (("1", "Yes"), ("0", "No"), ("2", "Former"))),
    ("smoke1", "Have you ever smoked?", (("yes", "Yes"), ("no", "No"))),
    ("alcohol_freq", "How often do you have a drink containing alcohol?",
     (("never", "Never"), ("1", "Monthly or less"), ("2", "2-4 times a month"),
      ("3", "2-3 times a week"), ("4", "4 or more times a week"))),
    ("drinksday", "How many drinks per day?", (("1-3", "1-3 drinks per day"), ("5", "5"),
                                               ("0", "None"), ("7+", "7 or more"))),
    ("cocaine_30d", "Cocaine or crack use, past 30 days?", (("0", "Never"), ("1", "Sometimes"),
                                                            ("2", "Daily"))),
    ("meth_30d", "Methamphetamine use, past 30 days?", (("0", "Never"), ("1", "Sometimes"),
                                                        ("2", "Daily"))),
    ("opioid_30d", "Non-prescribed opioid use, past 30 days?", (("0", "Never"), ("1", "Sometimes"),
                                                               ("2", "Daily"))),
    ("marijuana_freq", "How often have you used marijuana?", (("never", "Never"),
                                                              ("monthly", "Monthly"),
                                                              ("weekly", "Weekly"),
                                                              ("daily", "Daily"))),
)

MENTAL_HEALTH_RESPONSES = (("0", "Not at all"), ("1", "Several days"),
                           ("2", "More than half the days"), ("3", "Nearly every day"))
MENTAL_HEALTH_INSTRUMENTS = (
    ("PHQ-9", "phq9_", (
        "Little interest or pleasure in doing things?", "Feeling down, depressed, or hopeless?",
        "Trouble falling or staying asleep, or sleeping too much?",
        "Feeling tired or having little energy?", "Poor appetite or overeating?",
        "Feeling bad about yourself, or that you are a failure?",
        "Trouble concentrating on things?", "Moving or speaking slowly, or being restless?",
        "Thoughts that you would be better off dead?")),
    ("PHQ-2", "phq2_", ("Little interest or pleasure in doing things?",
                        "Feeling down, depressed, or hopeless?")),
    ("GAD-7", "gad7_", (
        "Feeling nervous, anxious, or on edge?", "Not being able to stop or control worrying?",
        "Worrying too much about different things?", "Trouble relaxing?",
        "Being so restless that it is hard to sit still?",
        "Becoming easily annoyed or irritable?", "Feeling afraid, as if something awful might happen?")),
)

ADMINISTRATION = {
    "Self-administered, tablet or computer": 55, "Self-administered, paper": 15,
    "Interviewer-administered, face-to-face": 15,
    "Interviewer-administered, phone or video call": 8, "Audio Computer-Assisted Self-Interviews": 7,
}


def substance_survey_rows(ctx: TableContext) -> Iterator[list[str]]:
    u, r = ctx.universe, ctx.rng.random
    dates = iso_days()
    questions = [(csv_field(q), csv_field(label), tuple((csv_field(a), csv_field(b)) for a, b in answers))
                 for q, label, answers in SUBSTANCE_QUESTIONS]
    n = len(questions)
    for p, k in ctx.spread(by_follow_up(u)):
        pid = u.patient_id(p)
        surveys = sorted_days(r, u.enroll[p], u.last[p], (k + n - 1) // n)
        for i in range(k):
            q, label, answers = questions[i % n]
            code, meaning = answers[int(r() * len(answers))]
            keep_labels = r() < 0.8
            yield [pid, q, code, dates[surveys[i // n]], label if keep_labels else "",
                   meaning if keep_labels else ""]


def mental_health_survey_rows(ctx: TableContext) -> Iterator[list[str]]:
    u, r = ctx.universe, ctx.rng.random
    dates = iso_days()
    how = wheel(ADMINISTRATION)
    answers = [(csv_field(a), csv_field(b)) for a, b in MENTAL_HEALTH_RESPONSES]
    instruments = [(name, [(f"{prefix}{i + 1}", csv_field(label)) for i, label in enumerate(labels)])
                   for name, prefix, labels in MENTAL_HEALTH_INSTRUMENTS]
    for p, k in ctx.spread(by_follow_up(u)):
        pid = u.patient_id(p)
        name, items = instruments[int(r() * len(instruments))]
        n = len(items)
        surveys = sorted_days(r, u.enroll[p], u.last[p], (k + n - 1) // n)
        method = how[int(r() * len(how))]
        for i in range(k):
            question, label = items[i % n]
            code, meaning = answers[min(3, int(-1.1 * safe_log(r())))]
            yield [pid, question, code, dates[surveys[i // n]], label, meaning, name, method]
