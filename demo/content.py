"""
The demo site's content: plain data, in Dutch, used by `manage.py load_demo_content`.

The facts (names, schools, places, roles, results) come from the seed pages in
`../shared/seeds/` (beside the repository); every text is written in our own words. StreamField bodies use Wagtail's
raw JSON form, built with ambassadors/block_values.py. Pages refer to each other by slug.
"""

from ambassadors.block_values import own_question, paragraph, quote, recurring_question, result, video

SITE_NAME = "Glans-techniek"

ORGANISATION = {
    "organisation_name": "Klaver CT",
    "secretariat_email": "secretariaat@klaverct.nl",
    # A placeholder number: the demo site must not send visitors to a real phone.
    "secretariat_phone": "0546 - 00 00 00",
}

HOME = {
    "title": "Glans-techniek",
    # Not "home": Wagtail's welcome page still holds that slug until it is deleted.
    "slug": "glans-techniek",
    "hero_title": "Samen met ouders, voor elk kind",
    "hero_text": (
        "De Glans-techniek helpt basisscholen om met álle ouders goed samen te werken. "
        "Schooldirecteuren vertellen hier hoe zij de methode gebruiken en wat het hun school oplevert."
    ),
    "introduction": (
        "<h2>Wat is de Glans-techniek?</h2>"
        "<p>De Glans-techniek is een methode voor ouderbetrokkenheid van Klaver CT. De school begint niet bij "
        "de ouders, maar bij zichzelf: directie en leerkrachten leren stap voor stap hoe ze gesprekken met "
        "ouders voeren, verwachtingen uitspreken en afspraken maken.</p>"
        "<p>Het team werkt met de lessen van Glans Online, samen in een teamvergadering of thuis. Klaver CT "
        "begeleidt de schoolleiders, zodat wat het team leert direct terugkomt in het contact met ouders.</p>"
        "<h3>Ambassadeurs vertellen</h3>"
        "<p>Directeuren van scholen die met de methode werken, delen hun ervaringen: hoe ze het aanpakken, "
        "en wat er op hun school is veranderd.</p>"
    ),
    "cta_title": "Praten met een ambassadeur?",
    "cta_text": (
        "Wil je een van onze ambassadeurs spreken, of meer weten over de Glans-techniek? Neem contact op met "
        "het secretariaat van Klaver CT; wij plannen het gesprek voor je in."
    ),
    "cta_page": "contact",
    "featured_stories": ["anje-bechtel", "magda-nijmeijer", "hans-rendering"],
}

AMBASSADOR_INDEX = {
    "title": "Ambassadeurs",
    "slug": "ambassadeurs",
    "show_in_menus": True,
    "introduction": (
        "Schooldirecteuren die met de Glans-techniek werken, vertellen over hun aanpak en wat die hun school "
        "heeft gebracht. Wil je een van hen persoonlijk spreken? Het secretariaat van Klaver CT brengt je "
        "graag met hen in contact."
    ),
}

SCHOOL_INDEX = {
    "title": "Scholen",
    "slug": "scholen",
    "show_in_menus": True,
    "introduction": (
        "Deze basisscholen en schoolbesturen werken met de Glans-techniek. Per school lees je wie er op "
        "school zitten, wat de school kenmerkt en wie er ambassadeur is."
    ),
}

CONTENT_PAGES = [
    {
        "title": "Over de Glans-techniek",
        "slug": "over-de-glans-techniek",
        "show_in_menus": True,
        "introduction": (
            "De Glans-techniek is een aanpak van Klaver CT waarmee basisscholen werken aan "
            "ouderbetrokkenheid: met alle ouders, en op een vaste, herkenbare manier."
        ),
        "body": [
            paragraph(
                "<h2>Beginnen bij de school</h2>"
                "<p>Goede samenwerking met ouders begint bij een sterk team. Daarom richt de methode zich eerst "
                "op de schoolleider en de leerkrachten: hoe voer je een goed gesprek met een ouder, hoe geef "
                "je duidelijk aan wat je van elkaar mag verwachten, en hoe houd je dat het hele jaar vol?</p>"
            ),
            paragraph(
                "<h2>Hoe werkt het?</h2>"
                "<ul>"
                "<li>Het team volgt de modules van Glans Online, samen of als huiswerk.</li>"
                "<li>Schoolleiders bereiden de lessen voor met een trainer van Klaver CT.</li>"
                "<li>Na elke les maakt het team afspraken over het contact met ouders.</li>"
                "<li>Elke school kiest zelf wat bij haar leerlingen en ouders past.</li>"
                "</ul>"
            ),
            result("80%", "van de ouders is tevreden over de school"),
            quote("Ouderbetrokkenheid met de Glans-techniek? Doen!", "Hans Rendering", "Clusterdirecteur, SOOOG"),
            paragraph(
                "<h2>Contact</h2>"
                "<p>Wil je weten of de Glans-techniek bij jouw school past, of wil je een ambassadeur spreken? "
                'Mail het secretariaat van Klaver CT via <a href="mailto:secretariaat@klaverct.nl">'
                "secretariaat@klaverct.nl</a>.</p>"
            ),
        ],
    },
    {
        "title": "Privacyverklaring",
        "slug": "privacy",
        "introduction": (
            "Klaver CT gaat zorgvuldig om met de gegevens die je ons geeft als je contact opneemt met een "
            "ambassadeur of met ons secretariaat."
        ),
        "body": [
            paragraph(
                "<h2>Welke gegevens</h2>"
                "<p>Bij een contactverzoek vragen we je naam, je school, je e-mailadres, eventueel je "
                "telefoonnummer, en je vraag.</p>"
                "<h2>Waarvoor</h2>"
                "<p>We gebruiken deze gegevens alleen om je verzoek af te handelen: om je te antwoorden en, als "
                "je dat vraagt, een gesprek met een ambassadeur in te plannen. Alleen die ambassadeur krijgt je "
                "gegevens van ons; aan anderen geven we ze niet door.</p>"
                "<h2>Hoe lang</h2>"
                "<p>We bewaren een contactverzoek niet langer dan nodig, en uiterlijk een jaar nadat het is "
                "afgehandeld.</p>"
                "<h2>Cookies en video's</h2>"
                "<p>Deze site plaatst geen trackingcookies. Een video van YouTube of Vimeo wordt pas geladen als "
                "je zelf op afspelen klikt.</p>"
                "<h2>Je rechten</h2>"
                "<p>Je mag altijd vragen welke gegevens we van je hebben, en ze laten verbeteren of verwijderen. "
                'Mail daarvoor naar <a href="mailto:secretariaat@klaverct.nl">secretariaat@klaverct.nl</a>.</p>'
                "<p><em>Dit is een voorbeeldtekst voor de demonstratiesite.</em></p>"
            ),
        ],
    },
]

# The page that OrganisationSettings.privacy_page points to.
PRIVACY_PAGE = "privacy"

# /contact/: the request form (contact.ContactPage).
CONTACT_PAGE = {
    "title": "Contact",
    "slug": "contact",
    "show_in_menus": True,
    "introduction": (
        "<p>Wil je een van onze ambassadeurs persoonlijk spreken, of meer weten over de Glans-techniek? "
        "Laat hieronder je gegevens en je vraag achter. Het secretariaat van Klaver CT neemt contact met je op "
        "en plant het gesprek voor je in.</p>"
    ),
    "thank_you_text": (
        "<p>Dank je wel voor je verzoek. Je krijgt een bevestiging per e-mail, en we nemen binnen drie "
        "werkdagen contact met je op.</p>"
    ),
}

# Schools and boards. "initials" is drawn on the generated placeholder logo.
SCHOOLS = [
    {
        "slug": "ec-theo-thijssen",
        "title": "EC Theo Thijssen",
        "initials": "TT",
        "kind": "school",
        # Assumed demo data: the seed does not say where the school is.
        "place": "Almelo",
        "province": "overijssel",
        "educational_concept": "educatief-centrum",
        "population": "gemengd",
        "pupils_and_parents": (
            "<p>Een educatief centrum met opvang en onderwijs voor kinderen van 0 tot en met 12 jaar. Ongeveer "
            "één procent van de kinderen heeft een migratieachtergrond; de ouders hebben uiteenlopende "
            "opleidingsniveaus.</p>"
        ),
        "characteristics": (
            "<p>Leren door te doen staat centraal. Kinderen, medewerkers én ouders werken aan meesterschap, "
            "zodat ieder kind zo ver mogelijk komt. Enthousiasme, openheid en trots zijn hier te zien.</p>"
        ),
    },
    {
        "slug": "kingschool",
        "title": "Dr. M.L. Kingschool",
        "initials": "MLK",
        "kind": "school",
        "place": "Denekamp",
        "province": "overijssel",
        "educational_concept": "dalton",
        "population": "gemengd",
        "pupils_and_parents": (
            "<p>Kinderen uit gezinnen met allerlei achtergronden. De ouders zijn deels hoger en deels lager "
            "opgeleid; de meesten hebben een Nederlandse achtergrond, een kleiner deel een "
            "migratieachtergrond.</p>"
        ),
        "characteristics": (
            "<p>Een openbare daltonschool waar iedereen elkaar kent en de sfeer warm en vertrouwd is. Ouders en "
            "kinderen voelen zich nauw verbonden met de school en met elkaar. De school valt onder Stichting "
            "Consent.</p>"
        ),
    },
    {
        "slug": "de-wielerbaan",
        "title": "Montessorischool De Wielerbaan",
        "initials": "WB",
        "kind": "school",
        # Assumed demo data: the seed does not say where the school is.
        "place": "Hengelo",
        "province": "overijssel",
        "educational_concept": "montessori",
        "population": "hoger-opgeleid",
        "pupils_and_parents": (
            "<p>De meeste ouders zijn hoger opgeleid, een kleiner deel lager. Het merendeel heeft een "
            "Nederlandse achtergrond, een klein deel een migratieachtergrond.</p>"
        ),
        "characteristics": (
            "<p>Een openbare montessorischool waar respect, vertrouwen en veiligheid voorop staan. Ouders doen "
            "volop mee met wat er op school gebeurt. De school valt onder Stichting Consent.</p>"
        ),
    },
    {
        "slug": "obs-harry-bannink",
        "title": "OBS Harry Bannink",
        "initials": "HB",
        "kind": "school",
        "place": "Enschede",
        "province": "overijssel",
        "educational_concept": "openbaar",
        "population": "multicultureel",
        "pupils_and_parents": (
            "<p>Kinderen uit gezinnen met veel verschillende culturen en achtergronden, van zowel hoger als "
            "lager opgeleide ouders.</p>"
        ),
        "characteristics": (
            "<p>Kinderen leren hier zelfstandig én samen met anderen te groeien. De school doet veel om ouders "
            "actief te betrekken. Ouders die het Nederlandse onderwijs nog niet kennen, krijgen extra uitleg "
            "over wat de school van hen vraagt en wat zij van de school mogen verwachten.</p>"
        ),
    },
    {
        "slug": "sooog",
        "title": "Stichting Openbaar Onderwijs Oost Groningen (SOOOG)",
        "initials": "SOOOG",
        "kind": "board",
        # The seed names the region, not a town; the board's schools lie across it.
        "place": "Oost-Groningen",
        "province": "groningen",
        "educational_concept": "",
        "population": "",
        "pupils_and_parents": (
            "<p>De openbare basisscholen van SOOOG staan open voor alle kinderen in het oosten van Groningen, "
            "ongeacht hun achtergrond.</p>"
        ),
        "characteristics": (
            "<p>Een lerende organisatie waarin goed onderwijs voorop staat. De scholen willen uit elk kind halen "
            "wat erin zit, en zien de betrokkenheid van ouders daarbij als onmisbaar. Ouderbetrokkenheid is een "
            "speerpunt in het strategisch beleidsplan van het bestuur.</p>"
        ),
    },
]

# Ambassador stories. The page title is the ambassador's name; "school" is a school slug.
AMBASSADORS = [
    {
        "slug": "anje-bechtel",
        "title": "Anje Bechtel",
        "role": "Directeur",
        "school": "ec-theo-thijssen",
        "quote": "Ouders zijn onze partners geworden, en dat merk je aan de sfeer in de hele school.",
        "introduction": (
            "Anje Bechtel is directeur van Educatief Centrum Theo Thijssen, een kindcentrum voor kinderen van "
            "0 tot en met 12 jaar. Haar team heeft de eerste module van Glans Online afgerond."
        ),
        "body": [
            recurring_question(
                "werkwijze",
                "<p>Het hele team volgt de lessen van Glans Online: soms samen in de teamvergadering, soms thuis "
                "als huiswerk. Na elke les maken we afspraken en houden we elkaar daaraan. Sommige gaan over nu, "
                "zoals meteen in actie komen als het contact met een ouder stroef loopt; andere staan vast in de "
                "jaarplanning, zoals de omgekeerde tienminutengesprekken.</p>"
                "<p>Elk kwartaal spreek ik iedere leerkracht over de band met de ouders, de sfeer in de groep en "
                "de afspraken: wat gaat goed, en waar loop je tegenaan?</p>",
                highlight="Na elke les maken we afspraken en houden we elkaar daaraan.",
            ),
            video("https://www.youtube.com/watch?v=glansAnje01", "Bekijk de videoreferentie van Anje"),
            recurring_question(
                "opbrengst",
                "<p>Minstens 80% van de ouders is nu tevreden over onze school, en veel ouders bevelen ons aan "
                "bij anderen. We willen naar 100%.</p>"
                "<p>We kijken anders naar ouders: de leerkracht is de vakvrouw of vakman, de ouder kent het kind "
                "als geen ander. Ouders voelen zich serieus genomen en hebben meer vertrouwen in de school. "
                "Kinderen, ouders en leerkrachten komen met plezier naar school.</p>",
                highlight="Ouders voelen zich serieus genomen en hebben meer vertrouwen in de school.",
            ),
            result("80%", "van de ouders is tevreden over de school"),
        ],
    },
    {
        "slug": "magda-nijmeijer",
        "title": "Magda Nijmeijer",
        "role": "Directeur",
        "school": "kingschool",
        "quote": "Omdat we met elke ouder een band hebben, lossen we zorgen om een kind samen op.",
        "introduction": (
            "Magda Nijmeijer is directeur van de Dr. M.L. Kingschool, een openbare daltonschool in Denekamp. "
            "Haar school hoorde bij de eerste scholen van Stichting Consent die met de Glans-techniek begonnen."
        ),
        "body": [
            recurring_question(
                "keuze",
                "<p>Op onze school hadden we al aandacht voor ouderbetrokkenheid, en Stichting Consent wilde daar "
                "op al haar scholen werk van maken. De Glans-techniek sprak ons aan: je werkt in concrete stappen "
                "naar een resultaat en kiest zelf wat bij je school past. Je begint bij het team, en vanuit die "
                "stevige basis betrek je daarna alle ouders.</p>",
            ),
            recurring_question(
                "werkwijze",
                "<p>Anderhalf jaar geleden begonnen we, samen met acht andere scholen in een pilotgroep. We "
                "maakten elkaar enthousiast en leerden van elkaars ervaringen, met Marja Klaver als begeleider. "
                "Meer scholen van de stichting volgen, zodat we dezelfde taal spreken, elke school op haar eigen "
                "manier.</p>",
            ),
            video("https://www.youtube.com/watch?v=glansMagda1", "Bekijk de videoreferentie van Magda"),
            recurring_question(
                "opbrengst",
                "<p>Ouders merken dat er iets gebeurt met hun mening, en komen zelf met ideeën. Twee ouders "
                "maakten een schoolbrochure, geschreven door de ogen van een ouder, en een andere ouder ontwierp "
                "de poster voor de open dag.</p>"
                "<p>Elk schooljaar begint nu met een gesprek over hoop en dromen: wat wensen ouders voor hun kind, "
                "en hoe en wanneer willen ze contact met ons? Speelt er iets rond een kind, dan komen we er samen "
                "uit.</p>",
                highlight="Ouders merken dat er iets gebeurt met hun mening.",
            ),
            quote("Ouders maken nu zelf reclame voor onze school.", "Magda Nijmeijer", "Directeur"),
        ],
    },
    {
        "slug": "femmy-sassen",
        "title": "Femmy Sassen",
        "role": "Directeur",
        "school": "de-wielerbaan",
        "quote": "De training sloot zo goed aan op de praktijk dat we het geleerde meteen konden toepassen.",
        "introduction": (
            "Femmy Sassen is directeur van Montessorischool De Wielerbaan. De school hoort bij de Glans-pilotgroep "
            "van Stichting Consent en werkt ruim een jaar met de methode."
        ),
        "body": [
            recurring_question(
                "werkwijze",
                "<p>Met de pilotgroep van Stichting Consent rondden we de training bij Marja Klaver af. We oefenden "
                "gesprekstechnieken, het aangeven van grenzen en het veranderen van gedrag, steeds dicht bij de "
                "praktijk. Na de voorbereiding en de invoering is nu het borgen aan de beurt.</p>",
            ),
            own_question(
                "Hoe begint het schooljaar bij jullie?",
                "<p>Met een kennismakingsgesprek met de ouders. Zij vertellen wat ze hopen en dromen voor hun kind, "
                "en we spreken af hoe we gaan samenwerken. Ook met de kinderen zelf voeren we zo'n gesprek, om te "
                "ontdekken waar hun talent ligt en wat ze later willen worden.</p>",
            ),
            recurring_question(
                "opbrengst",
                "<p>Na ruim een jaar weten we van ieder kind beter waar zijn talenten en wensen liggen. Ouders "
                "weten vanaf de eerste week wat ze van ons kunnen verwachten, en wij van hen.</p>",
            ),
        ],
    },
    {
        "slug": "ine-koenders",
        "title": "Ine Koenders",
        "role": "Directeur",
        "school": "obs-harry-bannink",
        "quote": "Ouders en school begrijpen elkaar beter, want we zetten ons in voor hetzelfde kind.",
        "introduction": (
            "Ine Koenders is directeur van OBS Harry Bannink, een multiculturele openbare basisschool in "
            "Enschede. De school werkt sinds het begin van dit schooljaar met de Glans-techniek."
        ),
        "body": [
            recurring_question(
                "werkwijze",
                "<p>Via Stichting Consent kregen onze scholen een aanbod voor ouderbetrokkenheid; elke school geeft "
                "er op haar eigen manier invulling aan. Wij hebben onze leerkrachten geleerd gesprekken met ouders "
                "volgens een vaste opbouw te voeren. Al bij de aanmelding vertellen we ouders wat we van hen vragen "
                "en wat zij van ons mogen verwachten, en elk schooljaar heeft nu een gesprek aan het begin en aan "
                "het eind.</p>",
                highlight="Al bij de aanmelding weten ouders wat we van elkaar mogen verwachten.",
            ),
            recurring_question(
                "opbrengst",
                "<p>De band met alle ouders is sterker geworden. Aan het begin van het jaar bespreken we samen wat "
                "haalbaar is: het gaat erom dat het kind zich goed voelt en zich zo ver mogelijk ontwikkelt. Het "
                "eindgesprek was vroeger vrijblijvend; nu nodigen we alle ouders uit om samen terug te kijken, zodat "
                "het nieuwe jaar met een schone lei begint.</p>",
            ),
            own_question(
                "Hoe maken jullie het contact laagdrempelig?",
                "<p>Welzijnswerk organiseerde al koffieochtenden voor ouders, over thema's als opvoeden, gezond eten "
                "en spelen. Ik schuif daar nu bewust vaker aan. Zo kunnen ouders hun ideeën en zorgen makkelijk "
                "kwijt, en zijn ze enthousiast over de school.</p>",
            ),
            video("https://www.youtube.com/watch?v=glansIne001", "Bekijk de videoreferentie van Ine"),
        ],
    },
    {
        "slug": "hans-rendering",
        "title": "Hans Rendering",
        "role": "Clusterdirecteur",
        "school": "sooog",
        "quote": "Ouderbetrokkenheid met de Glans-techniek? Doen!",
        "introduction": (
            "Hans Rendering is clusterdirecteur bij Stichting Openbaar Onderwijs Oost Groningen (SOOOG). Met vier "
            "schoolleiders rondde hij het eerste jaar van de Glans-leergang af."
        ),
        "body": [
            recurring_question(
                "keuze",
                "<p>Ons bestuur wil de betrokkenheid van ouders verder versterken; het is een speerpunt in ons "
                "strategisch beleidsplan. Op internet kwam ik de Glans-techniek tegen, die mikt op 100% succesvolle "
                "ouderbetrokkenheid. Dat ambitieuze doel sprak me aan: in het belang van alle kinderen wil je geen "
                "genoegen nemen met minder.</p>",
                highlight="In het belang van alle kinderen wil je geen genoegen nemen met minder.",
            ),
            recurring_question(
                "werkwijze",
                "<p>We volgden de train-de-trainerbijeenkomsten: met Marja Klaver bereiden de schoolleiders elke "
                "les voor, en ze wisselen uit wat ze met hun team hebben meegemaakt. Glans Online geeft "
                "achtergrond, video's over hoe je naar ouders kijkt en praktische hulpmiddelen voor schoolleiders "
                "en leerkrachten. Elke leerkracht kreeg bovendien het boek <em>School en ouder – schouder aan "
                "schouder</em> als naslagwerk.</p>",
            ),
            recurring_question(
                "opbrengst",
                "<p>Na het eerste jaar geven de schoolleiders samen met hun team beter vorm aan ouderbetrokkenheid. "
                "Ook de leerkrachten hebben geleerd beter met ouders om te gaan. We kijken uit naar het tweede "
                "jaar.</p>",
            ),
            paragraph(
                "<p>Ook met je scholen aan de slag met ouderbetrokkenheid? Klaver CT vertelt je graag meer over de "
                "leergang die Hans met zijn schoolleiders volgde.</p>"
            ),
        ],
    },
]
