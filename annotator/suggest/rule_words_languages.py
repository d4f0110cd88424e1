"""Word lists of the rule suggestions in languages other than English (lower case): cues and what a count is not."""
from __future__ import annotations


def _w(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _p(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split("|") if p.strip())


# Reporting cues: verb forms (an auxiliary may stand in front, see AUXILIARIES) and fixed phrases
CUES: dict[str, tuple[str, ...]] = {
    "fr": _w("déclaré indiqué précisé ajouté annoncé affirmé expliqué souligné rappelé estimé assuré démenti "
             "confirmé dénoncé signalé rapporté averti raconté reconnu accusé répondu insisté écrit noté "
             "déclare indique précise ajoute annonce affirme explique souligne rappelle estime assure dément "
             "confirme dénonce signale rapporte avertit raconte reconnaît accuse répond insiste "
             "affirment estiment assurent déclarent indiquent dénoncent accusent démentent affirmait déclarait "
             "selon") + _p("d'après | d’après | de source | a-t-il déclaré | a-t-elle déclaré"),
    "es": _w("dijo dijeron informó informaron afirmó afirmaron aseguró aseguraron señaló señalaron declaró "
             "declararon explicó explicaron indicó indicaron denunció denunciaron advirtió advirtieron añadió "
             "agregó confirmó confirmaron anunció anunciaron negó negaron reconoció sostuvo precisó detalló "
             "relató contó manifestó expresó aseguran afirman denuncian dice dicen informa señala "
             "según dicho informado afirmado asegurado señalado declarado explicado indicado denunciado "
             "advertido añadido confirmado anunciado negado reconocido") + _p("de acuerdo con | de acuerdo a"),
    "pt": _w("disse disseram afirmou afirmaram informou informaram declarou declararam explicou anunciou "
             "confirmou negou denunciou alertou acrescentou segundo") + _p("de acordo com"),
    "ar": _w("قال وقال قالت وقالت قالوا وقالوا أعلن وأعلن أعلنت وأعلنت أفاد وأفاد أفادت وأفادت أكد وأكد أكدت "
             "وأكدت ذكر وذكر ذكرت وذكرت أضاف وأضاف أضافت وأضافت صرح وصرح صرحت وصرحت أشار وأشار أشارت وأشارت "
             "أوضح وأوضح أوضحت وأوضحت نفى ونفى نفت ونفت اتهم واتهم اتهمت واتهمت يقول تقول بحسب وبحسب حسب "
             "وحسب") + _p("وفقا لـ | وفقاً لـ | وفقا ل | وفقاً ل | نقلا عن | نقلاً عن | وفقا | وفقاً"),
    "fa": _w("گفت گفته اعلام افزود کرد") + _p("به گفته | بر اساس"),
    "uk": _w("заявив заявила заявили заявило повідомив повідомила повідомили повідомило повідомляє "
             "сказав сказала сказали зазначив зазначила зазначили додав додала додали додавши наголосив "
             "наголосила підтвердив підтвердила розповів розповіла розповіли написав написала поінформував "
             "заявляє стверджує каже кажуть звинуватив звинуватила спростував") + _p("за словами | за даними"),
    "ru": _w("заявил заявила заявили заявило сообщил сообщила сообщили сообщило сообщает сказал сказала сказали "
             "отметил отметила отметили добавил добавила добавили добавив подчеркнул подчеркнула подтвердил "
             "подтвердила рассказал рассказала рассказали написал написала заявляет утверждает говорит "
             "обвинил обвинила опроверг") + _p("по словам | по данным | по информации"),
    "de": _w("sagte sagten erklärte erklärten teilte berichtete berichteten betonte bestätigte warnte laut") +
          _p("nach angaben | zufolge"),
    "tr": _w("dedi açıkladı bildirdi söyledi belirtti göre"),
}

# Auxiliaries and adverbs a verb group may start with ("a déclaré", "ha señalado", "a également indiqué")
AUXILIARIES: dict[str, tuple[str, ...]] = {
    "fr": _w("a ont avait avaient aurait auraient avons va vont"),
    "es": _w("ha han había habían habría"),
    "pt": _w("tem têm tinha"),
}
ADVERBS: dict[str, tuple[str, ...]] = {
    "fr": _w("également aussi encore déjà ensuite notamment"),
    "es": _w("también además ya"),
}

# After a number: per cent, money, measures, durations and ages (a "de"/"of" may stand between)
UNITS_AFTER: dict[str, tuple[str, ...]] = {
    "fr": _w("% pour ans an mois jours jour heures heure h minutes secondes semaines km kilomètres mètres m kg "
             "tonnes litres euros euro dollars dollar francs fcfa cfa degrés hectares points ha"),
    "es": _w("% por años año meses mes días día horas hora minutos semanas km kilómetros metros kg toneladas "
             "litros euros euro dólares dólar pesos grados hectáreas puntos"),
    "pt": _w("% por anos ano meses dias horas km quilômetros metros toneladas reais euros dólares"),
    "ar": _w("٪ % في بالمئة بالمائة عاما عامًا عاماً سنة سنوات أعوام عام شهرا أشهر يوما أيام ساعة ساعات "
             "دقيقة دقائق كيلومتر كيلومترا كلم متر مترا طن لتر دولار دولارا يورو جنيه ريال دينار ليرة درجة "
             "مليار"),
    "fa": _w("٪ % درصد سال سالگی ماه روز ساعت کیلومتر متر تن دلار ریال تومان"),
    "uk": _w("% відсотків відсотка відсоток років роки року рік місяців місяці днів дні доби годин години "
             "хвилин км кілометрів метрів тонн гривень грн доларів долари євро градусів р"),
    "ru": _w("% процентов процента процент лет года год г месяцев дней дня суток часов часа минут км "
             "километров метров тонн рублей руб долларов доллара евро градусов"),
    "de": _w("% prozent jahre jahren monate tage stunden km meter tonnen euro dollar grad"),
    "tr": _w("% yüzde yaşında yıl ay gün saat km metre ton dolar euro lira"),
}
# Words in front of a number that make it an identifier, a date's day or money
NOT_COUNT_BEFORE: dict[str, tuple[str, ...]] = {
    "fr": _w("résolution résolutions n° nº no numéro rapport article brigade division bataillon régiment route "
             "vol section page chapitre niveau phase secteur zone étage classe version modèle type édition "
             "saison le du au depuis en $ € £ us$"),
    "es": _w("resolución resoluciones número núm nº n.º no informe artículo brigada división batallón ruta vuelo "
             "capítulo fase sector zona piso el del desde en $ € £ us$"),
    "pt": _w("resolução número artigo brigada relatório em $ € £"),
    "ar": _w("قرار القرار رقم المادة الفقرة اللواء الفرقة الكتيبة الطريق عام العام سنة $ €"),
    "fa": _w("قطعنامه شماره ماده سال $ €"),
    "uk": _w("резолюція резолюції резолюцію номер № стаття статті бригада бригади дивізія батальйон полк траса "
             "рейс у в з $ € £"),
    "ru": _w("резолюция резолюции резолюцию номер № статья статьи бригада бригады дивизия батальон полк трасса "
             "рейс в с $ € £"),
    "de": _w("resolution nummer nr artikel brigade im seit $ €"),
    "tr": _w("karar numara madde tugay $ €"),
}
MONTHS: dict[str, tuple[str, ...]] = {
    "fr": _w("janvier février mars avril mai juin juillet août septembre octobre novembre décembre janv févr "
             "avr juil sept oct nov déc"),
    "es": _w("enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre"),
    "pt": _w("janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro"),
    "ar": _w("يناير فبراير مارس أبريل ابريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر كانون شباط آذار "
             "نيسان أيار حزيران تموز آب أيلول تشرين"),
    "fa": _w("فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند ژانویه"),
    "uk": _w("січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня січні "
             "лютому березні квітні травні червні липні серпні вересні жовтні листопаді грудні"),
    "ru": _w("января февраля марта апреля мая июня июля августа сентября октября ноября декабря январе феврале "
             "марте апреле мае июне июле августе сентябре октябре ноябре декабре"),
    "de": _w("januar februar märz april mai juni juli august september oktober november dezember"),
    "tr": _w("ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık"),
}
# Things, not people or events, in the few words after a number (DOMAIN.md: a FIGURE counts people or events)
THINGS: dict[str, tuple[str, ...]] = {
    "fr": _w("maisons bâtiments immeubles logements villages localités véhicules camions voitures écoles "
             "hôpitaux cliniques centres tentes postes mosquées églises ponts routes puits"),
    "es": _w("casas viviendas edificios pueblos aldeas vehículos camiones coches escuelas hospitales clínicas "
             "centros puestos carpas puentes"),
    "pt": _w("casas edifícios prédios aldeias veículos escolas hospitais"),
    "ar": _w("منازل المنازل منزلا منزل مبان مباني المباني قرى القرى بلدات سيارات آليات مدارس المدارس مستشفيات "
             "مراكز خيام"),
    "fa": _w("خانه ساختمان روستا خودرو مدرسه بیمارستان"),
    "uk": _w("будинків будинки будинок будівель будівлі сіл села населених пунктів автомобілів машин шкіл "
             "лікарень"),
    "ru": _w("домов дома домa зданий здания сел деревень населенных пунктов автомобилей машин школ больниц"),
    "de": _w("häuser gebäude dörfer fahrzeuge schulen krankenhäuser"),
    "tr": _w("ev bina köy araç okul hastane"),
}
# Small function words: a year followed by one of them stays a year ("en 2024 et", "2024 року")
FUNCTION_WORDS: dict[str, tuple[str, ...]] = {
    "fr": _w("et ou de du des le la les à au en dans par pour sur avec qui que"),
    "es": _w("y o de del el la los las a al en por para con que"),
    "pt": _w("e ou de do da em no na por para com que"),
    "ar": _w("و في من إلى على عن أو"),
    "fa": _w("و در از به با"),
    "uk": _w("і й та або в у на з до року рр"),
    "ru": _w("и или в на с до года гг"),
    "de": _w("und oder in im an auf mit von"),
    "tr": _w("ve ile da de"),
}
# Number words too common as articles or pronouns to be counts on their own ("un", "una", "bir")
NOT_COUNT_WORDS = frozenset(_w("un une uno una um uma ein eine einen bir один одна одно одного"))
# Case and collective forms of small number words (Ukrainian and Russian decline them), read as counts
DECLINED_NUMBERS: dict[str, tuple[str, ...]] = {
    "uk": _w("двох двом двома трьох трьом трьома чотирьох чотирьом чотирма п'ятьох п'ятьма п’ятьох п’ятьма "
             "шести шістьох шістьма семи сімох сьома восьми вісьмох вісьмома дев'яти десяти десятьма двоє троє "
             "четверо п'ятеро п’ятеро шестеро семеро"),
    "ru": _w("двух двум двумя трех трёх трем трём тремя четырех четырёх четырем четырьмя пяти пятью шести "
             "шестью семи семью восьми восемью девяти девятью десяти десятью двое трое четверо пятеро шестеро "
             "семеро"),
}
