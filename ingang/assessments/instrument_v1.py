# ruff: noqa: E501  (anchor texts are data, kept one per line for review)
"""Version 1 of the default joint assessment instrument, as data.

Frozen: the data migration 0002 and instrument_default_ensure() both build
version 1 from this module, and assessments made with it point at its rows.
Never edit the texts here; a changed instrument is a new version.
"""

CODE = "gemensamt"
NAME_SV = "Gemensamt bedömningsinstrument"
NAME_EN = "Joint assessment instrument"

# (code, Swedish name, English name, [(score 1 sv, en), ..., (score 5 sv, en)])
# 1 is a large obstacle to work or studies, 5 a strength.
DIMENSIONS = [
    (
        "health",
        "Hälsa",
        "Health",
        [
            (
                "Allvarliga hälsoproblem som hindrar all planerad aktivitet just nu.",
                "Serious health problems prevent any planned activity at present.",
            ),
            (
                "Hälsan begränsar kraftigt; kräver vård eller behandling innan arbetsinriktade insatser.",
                "Health is a major limitation; care or treatment is needed before work-oriented activities.",
            ),
            (
                "Hälsan begränsar delvis; aktivitet möjlig med anpassningar.",
                "Health is a partial limitation; activity is possible with adjustments.",
            ),
            (
                "Mindre besvär som hanteras och sällan påverkar aktivitet.",
                "Minor problems that are managed and seldom affect activity.",
            ),
            (
                "God hälsa; inga hinder för arbete eller studier.",
                "Good health; no obstacle to work or studies.",
            ),
        ],
    ),
    (
        "work_capacity",
        "Arbetsförmåga",
        "Work capacity",
        [
            ("Ingen arbetsförmåga för närvarande.", "No work capacity at present."),
            (
                "Klarar enstaka timmar i veckan i anpassad miljö.",
                "Can manage a few hours a week in an adapted setting.",
            ),
            (
                "Klarar deltid, ungefär 25–50 %, med stöd.",
                "Can manage part time, about 25–50 %, with support.",
            ),
            (
                "Klarar mer än halvtid; närmar sig heltid.",
                "Can manage more than half time; close to full time.",
            ),
            ("Full arbetsförmåga på heltid.", "Full work capacity, full time."),
        ],
    ),
    (
        "education",
        "Utbildning",
        "Education",
        [
            (
                "Saknar fullständig grundskola eller motsvarande.",
                "Has not completed compulsory school or equivalent.",
            ),
            (
                "Grundskola, men saknar gymnasiebehörighet eller godkända betyg.",
                "Compulsory school, but lacks eligibility for or passing grades from upper secondary.",
            ),
            (
                "Delvis genomförd gymnasieutbildning eller motsvarande.",
                "Partly completed upper secondary education or equivalent.",
            ),
            (
                "Fullständig gymnasieutbildning eller yrkesutbildning.",
                "Completed upper secondary or vocational education.",
            ),
            (
                "Eftergymnasial utbildning som efterfrågas på arbetsmarknaden.",
                "Post-secondary education in demand on the labour market.",
            ),
        ],
    ),
    (
        "work_experience",
        "Arbetslivserfarenhet",
        "Work experience",
        [
            ("Ingen arbetslivserfarenhet.", "No work experience."),
            (
                "Kortare praktik eller enstaka korta anställningar.",
                "Short internships or a few short jobs.",
            ),
            (
                "Viss erfarenhet, men lång tid sedan eller inom ett annat område.",
                "Some experience, but long ago or in another field.",
            ),
            ("Relevant erfarenhet under senare år.", "Relevant experience in recent years."),
            (
                "Lång och aktuell erfarenhet inom det område personen söker sig till.",
                "Long and current experience in the field the person is aiming for.",
            ),
        ],
    ),
    (
        "swedish",
        "Svenska språket",
        "Swedish language",
        [
            ("Talar och förstår inte svenska.", "Does not speak or understand Swedish."),
            (
                "Förstår och använder enkla fraser i vardagen.",
                "Understands and uses simple everyday phrases.",
            ),
            (
                "Klarar vardagliga samtal; läser och skriver enkla texter.",
                "Manages everyday conversation; reads and writes simple texts.",
            ),
            (
                "Klarar de flesta situationer i arbete och studier.",
                "Manages most situations at work and in studies.",
            ),
            (
                "Behärskar svenska väl i tal och skrift, eller har svenska som modersmål.",
                "Fluent in spoken and written Swedish, or Swedish is the first language.",
            ),
        ],
    ),
    (
        "social_situation",
        "Social situation",
        "Social situation",
        [
            (
                "Mycket svår social situation, till exempel kris, missbruk eller våld i nära relation.",
                "Very difficult social situation, e.g. crisis, substance abuse or domestic violence.",
            ),
            (
                "Svår situation som tar det mesta av personens kraft.",
                "Difficult situation that takes most of the person's strength.",
            ),
            (
                "Vissa svårigheter som påverkar möjligheten att delta regelbundet.",
                "Some difficulties that affect the ability to take part regularly.",
            ),
            (
                "Stabil situation med enstaka påfrestningar.",
                "Stable situation with occasional strain.",
            ),
            ("Stabil och trygg social situation.", "Stable and secure social situation."),
        ],
    ),
    (
        "housing",
        "Boende",
        "Housing",
        [
            ("Hemlös eller akut boende.", "Homeless or in emergency accommodation."),
            (
                "Tillfälligt boende, till exempel hos vänner eller i andra hand på kort tid.",
                "Temporary housing, e.g. staying with friends or a short sublet.",
            ),
            (
                "Boende med stöd eller osäker boendesituation.",
                "Supported housing or an insecure housing situation.",
            ),
            ("Eget boende med mindre problem.", "Own home with minor problems."),
            ("Stabilt eget boende.", "Stable home of one's own."),
        ],
    ),
    (
        "finances",
        "Ekonomi",
        "Finances",
        [
            ("Saknar försörjning; akut ekonomisk kris.", "No income; acute financial crisis."),
            (
                "Beroende av försörjningsstöd med stora skulder.",
                "Dependent on income support, with large debts.",
            ),
            (
                "Försörjningsstöd eller ersättning; skulder under kontroll.",
                "Income support or benefits; debts under control.",
            ),
            (
                "Egen försörjning eller ersättning som räcker; små skulder.",
                "Own income or sufficient benefits; small debts.",
            ),
            (
                "Stabil egen försörjning utan skuldproblem.",
                "Stable own income without debt problems.",
            ),
        ],
    ),
    (
        "motivation",
        "Motivation",
        "Motivation",
        [
            (
                "Ser inte arbete eller studier som möjligt eller önskvärt nu.",
                "Does not see work or studies as possible or wanted at present.",
            ),
            (
                "Osäker; vill men tror inte att det går.",
                "Uncertain; wants to but does not believe it is possible.",
            ),
            (
                "Vill komma vidare och deltar när stöd finns.",
                "Wants to move on and takes part when support is available.",
            ),
            ("Tydligt motiverad med ett eget mål.", "Clearly motivated, with a goal of their own."),
            (
                "Driver själv sin väg mot arbete eller studier.",
                "Drives their own way towards work or studies.",
            ),
        ],
    ),
    (
        "networks",
        "Nätverk",
        "Networks",
        [
            (
                "Isolerad; saknar kontakter att få stöd från.",
                "Isolated; has no contacts to turn to for support.",
            ),
            ("Få kontakter, och de ger lite stöd.", "Few contacts, who give little support."),
            (
                "Några stödjande kontakter, men inga vägar till arbetslivet.",
                "Some supportive contacts, but none leading into working life.",
            ),
            (
                "Stödjande nätverk med vissa kontakter i arbetslivet.",
                "Supportive network with some contacts in working life.",
            ),
            (
                "Brett nätverk, både privat och i arbetslivet.",
                "Wide network, both private and in working life.",
            ),
        ],
    ),
]
