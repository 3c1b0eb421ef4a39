"""The words and the mix synthetic partners are made of: names by country and
language, kinds, relationships, and the shares of each. Data only."""

from __future__ import annotations


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _phrases(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split("|"))


# Country or region id (from places.toml) -> weight. Countries not named here get 1.
COUNTRY_WEIGHTS: dict[str, int] = {
    "mainland-china": 30, "uk": 10, "us": 10, "australia": 7, "japan": 7, "canada": 6,
    "south-korea": 6, "germany": 6, "france": 5, "taiwan": 5, "hong-kong": 4, "spain": 4,
    "netherlands": 3, "sweden": 3, "switzerland": 3, "singapore": 3, "malaysia": 3,
    "thailand": 3, "russia": 3, "new-zealand": 2, "portugal": 2, "belgium": 2, "denmark": 2,
    "chile": 2, "indonesia": 2, "vietnam": 2, "pakistan": 2, "kazakhstan": 2, "macao": 2,
}  # fmt: skip


# Country id -> naming style. Countries not named here use the "generic" style.
COUNTRY_STYLE: dict[str, str] = {
    "mainland-china": "zh", "taiwan": "zh", "hong-kong": "zh", "macao": "zh",
    "singapore": "zh", "japan": "ja", "south-korea": "ko", "spain": "es", "chile": "es",
    "portugal": "pt", "france": "fr", "belgium": "fr", "germany": "de", "switzerland": "de",
    "sweden": "nordic", "denmark": "nordic", "netherlands": "nl", "russia": "ru",
    "kazakhstan": "ru", "uk": "en", "us": "en", "canada": "en", "australia": "en",
    "new-zealand": "en",
}  # fmt: skip


# style -> (first parts, middle parts, last parts): a place name is first + [middle] + last.
PLACE_PARTS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "en": (
        _words(
            "Ash Bright Cam Dun Elm Fair Glen Hart Kings Lang Mar North Oak Red Stan "
            "Thorn West Wood Brook Hazel Lyn Pen Rich Sal Wat Bel Carl Dor Ex Har Whit "
            "Ald Bram Crom Holl Ketter Market Nor Strat Wel Ames Bex Chip Dart Fal Grant "
            "Hol Ick Kirk Lox Mal Ock Pad Rams Sand Tam Ux Wal"
        ),
        _words("er ing ling en ow ard ey an ble mer ter wood stone ridge"),
        _words(
            "ford field ton bury wick mouth dale ham worth ley stead bridge port haven "
            "minster chester borough erloo mere combe by thorpe well hurst gate"
        ),
    ),
    "zh": (
        _words(
            "Bei Shan Jiang Hai Nan Xi Dong Guang Hu Chang Ning Fu Qing Tian Yun Hua Lin "
            "Wu Su Yang Cheng Jin Ping Kai Feng Long Xin Yan Ming Zhen Tai Jia Rui Zhao "
            "Hong Shao Heng Lu Gui Quan"
        ),
        _words("shan hu ling jia xing yang tai chun he yu zhong xia bao"),
        _words(
            "zhou an jing hai yang ning chang sha men kou ping an ou en de yuan shan tai "
            "xi ling yi hua qiao tong lin bin cheng du kang hu"
        ),
    ),
    "ja": (
        _words(
            "Taka Naga Yoko Kita Minami Hiro Matsu Fuku Kana Shizu Oka Sendai Tsuku Kuma "
            "Nii Toya Saga Mie Aki Hako Ichi Kago Miya Nishi Higashi Ise"
        ),
        _words("no ga ka mi su to wa ri"),
        _words(
            "yama saki hama shima kawa oka zawa gata moto ba no ta mura da sato hara "
            "sawa zaki kura mori"
        ),
    ),
    "ko": (
        _words(
            "Dae Gwang Bu Cheong Won Gyeong Jeon Seong Han Chung Ul Mok Pyeong Su Gang "
            "Sin Yeong Hwa Geum"
        ),
        _words("an san do ju gu"),
        _words("jeon ju san won nam buk taek cheon po yang do gi seong dong rim"),
    ),
    "es": (
        _words("Val Mon Al Cor Gra Tol Bar Cas Pam Se Lo Pe Co Be Ma Ar Vi Tar Sor Ca Zam Ov Hu"),
        _words("la ra ta ca ba ri da"),
        _words(
            "ladolid tilla doba nada edo celona plona govia groño ñaflor ruña goña laga "
            "ica ñuelas ganzo llarreal mora ragona esca ceres ria ñón"
        ),
    ),
    "pt": (
        _words("Coim Bra Por Ave Évo Fa Gui Bar Alco Mon Lou Vi Tor Se San Ca Ma"),
        _words("ra ta ma ri lo"),
        _words("bra gança to iro ra marães baça ção celos lé seu tém bal rém lhão mões"),
    ),
    "fr": (
        _words(
            "Mont Belle Beau Roche Ville Cler Gre Nan Tou Ren Mar Besan Cham Val Lié Cha "
            "Bor Cler Per Di Vi"
        ),
        _words("ne ri be lan sau ver"),
        _words(
            "pellier fort noble ville mont lieu louse nes seille çon béry ence ge rleroi "
            "val ré deaux jon gnan rac court"
        ),
    ),
    "de": (
        _words(
            "Frei Heidel Würz Tüb Göt Mün Düssel Nürn Lüne Brem Augs Zü Lu Stutt Ober "
            "Els Pader Regens Kon Bam Wup Saar Ros"
        ),
        _words("en er ten ling ers"),
        _words(
            "burg berg ingen dorf ster hausen heim chen feld gart bach rich zern thal "
            "stadt born tal furt stock brück"
        ),
    ),
    "nordic": (
        _words("Lund Upp Å Øre Bør Sten Kø Ålb Göte Linkö Växj Jön Ros Hel Karl Norr Sunds Vä Ørs"),
        _words("e a ne ster"),
        _words("sala hus borg ping sund øy heim by köping ö kilde dal strup vik holm rød stad"),
    ),
    "nl": (
        _words("Eind Gron Til Lei Utre Maas Delf Twen Wage Nij Ant Zwol Haar Alk Dor Bre"),
        _words("en er el"),
        _words("hoven ingen burg den cht tricht t te megen le werpen lem maar drecht da"),
    ),
    "ru": (
        _words(
            "Novo Tom Yekat Kaz Sam Perm Omsk Irk Vlad Ural Astan Kara Almat Kras Yaros "
            "Tver Chely Baik"
        ),
        _words("o ino ov ar"),
        _words("sibirsk sk erinburg an ara utsk ivostok grad a y ganda noyarsk lavl abinsk"),
    ),
    "generic": (
        _words("Ma Ka Nai Lu Ba Ta Ki Ru Dar Zan Mba Bu Ja Se Ko Pe Ri Ha Lah Ku Mo Sa Wa Ni Ti"),
        _words("ra li ba ko ma n"),
        _words(
            "rara gali kuru bang ndo wayo lumpur sa ndu mai pur bi ore kala dung tan ga "
            "jo lanta wezi kesh mara"
        ),
    ),
}


# style -> words placed before a place name now and then ("North Ashford").
PLACE_PREFIXES: dict[str, tuple[str, ...]] = {
    "en": _words("North South East West New Upper Lower Port Mount Lake"),
    "es": _words("San Santa Villa Puerto"),
    "pt": _words("São Santa Vila Porto"),
    "fr": _words("Saint Sainte Port Mont"),
    "de": _words("Bad Neu Ober Unter Alt"),
    "nordic": _words("Norra Södra Øster Väster"),
    "nl": _words("Den Noord Zuid Oud"),
}


MIDDLE_SHARE = 0.5


PREFIX_SHARE = 0.1


HYPHEN_SHARE = 0.06


# CJK place names: two characters from these, then a suffix for the kind.
CJK_CHARS: dict[str, str] = {
    "zh": "北南东西江海山华中天长宁福清云安广深明新光德成金平开风龙兴和"
    "泰嘉瑞昌永宏盛通达远建鸿祥康丰",
    "ja": "東京大阪名古屋北海道福岡広島横浜千葉山川田",
    "ko": "서울부산대전광주인천경북한국",
}


CJK_SHARE: dict[str, float] = {"zh": 0.25, "ja": 0.1, "ko": 0.1}


CJK_SUFFIX: dict[str, dict[str, tuple[str, ...]]] = {
    "zh": {
        "university": _words("大学 理工大学 科技大学 师范大学 工业大学"),
        "institute": _words("研究院 科学院 技术研究所"),
        "company": _words("集团有限公司 科技有限公司 控股有限公司"),
        "government": _words("市人民政府 市教育局 省科学技术厅"),
    },
    "ja": {
        "university": _words("大学 工業大学 科学技術大学"),
        "institute": _words("研究所 技術研究所"),
        "company": _words("株式会社 工業株式会社"),
        "government": _words("市役所 県教育委員会"),
    },
    "ko": {
        "university": _words("대학교 과학기술원"),
        "institute": _words("연구원 연구소"),
        "company": _words("주식회사 그룹"),
        "government": _words("시청 교육청"),
    },
}


SURNAMES = _words(
    "O’Brien D’Arcy McAllister Fitz-Gerald Lévesque Müller Núñez Gonçalves Sørensen "
    "Kingsley Ashworth Hartley-Moss Pemberton Okonkwo Nakamura Fernández Dubois Ørsted "
    "Castañeda Whitcombe"
)


GIVEN_NAMES = _words(
    "Simón Chloé Zoë Jürgen Björn Inês François Ngozi Hiroshi Mei Arjun Siobhán Renée Ólafur "
    "Thomas Margaret Charles Florence Edmund Agnes"
)


FIELDS = _phrases(
    "Nanotechnology | Photonics | Data Science | Hotel and Tourism | Rehabilitation | "
    "Textiles and Fashion | Smart Energy | Optometry | Aviation | Urban Infrastructure | "
    "Biomedical Engineering | Materials | Logistics | Design | Applied Mathematics | "
    "Marine Science | Public Health | Robotics | Nursing | Space Science"
)


FIELDS_LOCAL: dict[str, tuple[str, ...]] = {
    "es": _phrases("Ingeniería | Ciencias | Tecnología | Diseño | Energía"),
    "pt": _phrases("Engenharia | Ciências | Tecnologia | Inovação | Educação"),
    "fr": _phrases("Génie | Sciences Appliquées | Technologie | Électronique | Énergie"),
    "de": _phrases("Angewandte Physik | Werkstofftechnik | Künstliche Intelligenz | Photonik"),
}


BRANDS = _words(
    "Apex Meridian Lumen Vertex Harbour Silverline Northstar Evergreen Crescent Pinnacle "
    "Tidewater Keystone Summit Bluewave Orchid Jade Phoenix Zenith Aurora Granite Cobalt "
    "Sapphire Kestrel Ironbark"
)


# Coined brand names: a head and a tail ("Novatex", "Quanora").
BRAND_HEADS = _words("Zen Nova Lum Vor Axi Cor Tri Syn Omni Quan Vel Kai Xen Aer Sol Ter Hex Ori")


BRAND_TAILS = _words("tex ara ion ix ora is ent igo eon yx ica ar on um eda")


INDUSTRIES = _words(
    "Engineering Logistics Textiles Electronics Energy Hospitality Biotech Construction "
    "Aviation Semiconductor Shipping Consulting"
)


KIND_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("university", 45),
    ("institute", 20),
    ("company", 25),
    ("government", 10),
)


# kind -> style -> name templates. {P}/{P2} place, {F} field, {L} field in the local
# language, {S}/{S2} surname, {B}/{B2} brand, {I} industry, {C} country. "rare" ones
# (few distinct values) are drawn with RARE_SHARE, so names seldom repeat.
PATTERNS: dict[str, dict[str, tuple[str, ...]]] = {
    "university": {
        "default": _phrases(
            "University of {P} | {P} University | {P} University of Technology | "
            "{P} Polytechnic University | {P} University of Science and Technology | "
            "{P} Normal University | {P} Medical University | {P} Polytechnic | "
            "{P} Institute of Technology | St {S}’s College, {P} | {P} Metropolitan University"
        ),
        "rare": _phrases("{G} {S} University | {S}-{S2} University"),
        "es": _phrases(
            "Universidad de {P} | Universidad Politécnica de {P} | Universidad Técnica de {P}"
        ),
        "pt": _phrases(
            "Universidade de {P} | Instituto Politécnico de {P} | Universidade Nova de {P}"
        ),
        "fr": _phrases("Université de {P} | École Polytechnique de {P} | Université {P}-{P2}"),
        "de": _phrases("Universität {P} | Technische Universität {P} | Hochschule {P}"),
        "nordic": _phrases("{P} universitet | Kungliga Tekniska högskolan {P} | University of {P}"),
        "nl": _phrases("Universiteit {P} | Technische Universiteit {P} | Hogeschool {P}"),
        "ru": _phrases(
            "{P} State University | {P} Polytechnic University | {P} Federal University"
        ),
        "zh": _phrases(
            "{P} University | {P} University of Science and Technology | "
            "{P} Jiaotong University | {P} Normal University | {P} Polytechnic | "
            "{P} Agricultural University | {P} University of Finance and Economics | "
            "{P} Medical University | {P} University of Technology | {P} Ocean University"
        ),
    },
    "institute": {
        "default": _phrases(
            "{P} Institute of Technology | {P} Institute for {F} | "
            "{F} Research Institute of {P} | {P} Academy of Sciences | {P} Centre for {F} | "
            "{P}-{P2} Institute of {F}"
        ),
        "fr": _phrases("Institut {P} de {L} | Centre National de {L}, {P}"),
        "de": _phrases("{P} Institut für {L} | Fraunhofer-Institut {P}"),
        "es": _phrases("Instituto Tecnológico de {P} | Centro de {L} de {P}"),
        "pt": _phrases("Instituto de {L} de {P}"),
    },
    "company": {
        "default": _phrases(
            "{B} {I} Holdings Limited | {P} {B} {I} Co., Ltd. | {B} {I} Group | "
            "{P} {I} Corporation | {B}-{B2} {I} Limited | {P} {B} Holdings Limited | "
            "{B} {I} ({P}) Limited"
        ),
        "rare": _phrases("{S} & {S2} LLP | {S} & Co. | {B} Technologies Inc."),
        "de": _phrases("{B} {I} GmbH | {P} {I} AG | {P}er {B} GmbH & Co. KG"),
        "fr": _phrases("{B} {I} S.A. | Groupe {B} {P} | {B} {P} SAS"),
        "es": _phrases("{B} {I} S.A. | Grupo {P} {B} | {B} {P} S.L."),
        "ja": _phrases("{P} {I} K.K. | {P} {B} Co., Ltd."),
        "zh": _phrases(
            "{P} {B} Holdings Limited | {P} {I} Group Co., Ltd. | {P} {B} {I} Co., Ltd."
        ),
    },
    "government": {
        "default": _phrases(
            "{P} City Council | Department of {F}, {P} | {P} Municipal Bureau of Education | "
            "{P} {F} Authority | {P} Provincial Department of Education | "
            "{P} Development Agency"
        ),
        "rare": _phrases("Ministry of {F}, {C} | {C} National Agency for {F}"),
        "fr": _phrases("Ville de {P} | Région {P} | Métropole de {P}"),
        "es": _phrases("Ayuntamiento de {P} | Gobierno de {P} | Diputación de {P}"),
    },
}


RARE_SHARE = 0.03


LOCAL_PATTERN_SHARE = 0.7


# Relationship text: for a programme partner, and by kind otherwise ({f}: a field).
RELATION_TEXT: dict[str, tuple[str, ...]] = {
    "student-exchange": _phrases(
        "Student exchange partner | Student exchange and visiting scholars"
    ),
    "dual-phd": _phrases("Dual PhD partner | Dual PhD Degree Programme partner"),
    "wie": _phrases("WIE host for internships | Work-Integrated Education placements"),
    "university": _phrases(
        "Research collaboration in {f} | Education agreement | "
        "Joint supervision and research in {f}"
    ),
    "institute": _phrases("Joint research centre on {f} | Research collaboration in {f}"),
    "company": _phrases("Industry partner in {f} | Industry collaboration and consultancy"),
    "government": _phrases(
        "Government partner; policy research on {f} | Ministry-level education agreement"
    ),
}


# kind -> programmes a linked partner of that kind joins (repeats weight the draw).
PROGRAMMES_FOR: dict[str, tuple[str, ...]] = {
    "university": ("student-exchange", "student-exchange", "dual-phd"),
    "institute": ("dual-phd", "student-exchange", "wie"),
    "company": ("wie",),
    "government": (),
}


# alliance id -> weight for a member university or institute.
ALLIANCE_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("uasr", 10),
    ("asrtu", 3),
    ("maritime-silk-road-consortium", 3),
    ("cpec-consortium", 2),
    ("asean-china-network", 2),
    ("usrn", 2),
    ("ista", 1),
)


PROGRAMME_SHARE = 0.30  # of universities, institutes and companies: a programme partner


ALLIANCE_SHARE = 0.15  # of universities and institutes: an alliance member


ACRONYM_SHARE = 0.30  # of universities and institutes: an acronym (an alias)


NO_COUNTRY_SHARE = 0.01  # no country, like some real records


EXTRA_TEXT_SHARE = 0.3  # a second, kind-based phrase in the relationship text
