"""Build `sample_groups/`: ten fictional groups, one per Zastrow type, each with recorded sessions.

    .venv/bin/python scripts/make_samples.py [OUT_DIR]        (default: sample_groups/ at the repo root)

Every name, place and story here is invented. The groups are set in Indonesian practice (KUBE,
P2K2/FDS PKH, KDS ODHA, posyandu lansia, LKSA …) so that the app, its tests and its screenshots
have something realistic to show.

The output is deterministic: each group draws from its own `random.Random(f"{SEED}:{folder}")`, so
running the script twice gives byte-identical files, and editing one group leaves the others as they
were. The script deletes and rewrites only the group folders it owns (the `folder` of each spec);
anything else in OUT_DIR is left alone. Files are written through `kelompok.sessions.store`.

How the events are generated — the per-session parameters
----------------------------------------------------------
Each group has an `Arc`: one value per recorded session for each parameter below. They are the
"story" of the group, and `STORIES` (read by tests/unit/test_samples.py) names what they must show.

    acts    speaking acts that stand after undo (`session.acts()`); undone mistakes come on top
    fac     the facilitator's share of those acts — exact: round(acts × fac) acts are the
            facilitator's. Falls as a group matures (leader-centred → group-centred, domain §4.4);
            stays flat in the musyawarah group, where the mediator has to keep stepping in.
    quiet   talkativeness multiplier of the group's quiet member (their base weight × quiet). As it
            rises the facilitator also addresses them more (gatekeeping), so they are "drawn in".
    cross   split groups only: probability that a member→member act that is not a reply goes to
            the other subgroup. Rising = the split heals; falling = it hardens.
    neg     valence-coded groups only: probability that a member's act is coded `negative`
            (higher in the storming session; doubled for cross-subgroup acts in a hardening split).
    stage   Tuckman stage as observed (forming … adjourning). Chooses the facilitator's mezzo-role
            mix (instruktur/teknisi_prosedural early; pereda_ketegangan/pengatur_kompromi when
            storming; pemberi_semangat/pendengar later; evaluator at the end), the share of acts
            addressed to the whole group, and the share of positive valence.

Within a session: agenda blocks run about as planned (±10 %); acts are spread over the blocks in
proportion to length × the block's talk `density` (little talk during senam or dance practice); the
first act of every block is the facilitator's; an addressed member often answers the speaker
(turn-taking); in a `round` block (putaran) members speak in turn around the seating circle, and a
still-quiet member may pass; a member whose `quiet` is 0 stays silent; late members speak only
after their `arrive` event, leavers not after `leave`. Now and then the recorder slips and undoes
the act just recorded (a wrong addressee, then the right one; or a double key press).

Small groups make noisy data, so each session is drawn from its own seed
(`f"{SEED}:{folder}:{number}:{attempt}"`) and drawn again with the next `attempt` until it keeps
the story (`fits_story`): the quiet member's share neither falls back nor leaps, a split moves the
way its story says and stays near `cross`, the storming session of a valence-coded group shows
negative acts. The result is still fully determined by this file.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kelompok.sessions import store
from kelompok.sessions.models import (
    FACILITATOR,
    GROUP,
    Amendment,
    AgendaBlock,
    Attendance,
    AuditEntry,
    Comment,
    Consent,
    Event,
    Group,
    GuardianConsent,
    Member,
    Objective,
    Review,
    Risk,
    Session,
    SafetyFollowUp,
    SessionPlan,
    SignOff,
)

SEED = 20260112
REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "sample_groups"

# ── how stages shape the facilitator's acts ───────────────────────────────────────────────────

ROLE_MIX: dict[str, dict[str, int]] = {
    "forming": {
        "instruktur": 5,
        "teknisi_prosedural": 4,
        "pencari_informasi": 3,
        "pemberi_semangat": 2,
        "pendengar": 1,
    },
    "storming": {
        "pereda_ketegangan": 4,
        "pengatur_kompromi": 3,
        "pendengar": 3,
        "teknisi_prosedural": 2,
        "pencari_informasi": 2,
        "pembentuk_opini": 1,
    },
    "norming": {
        "pemberi_semangat": 4,
        "pendengar": 4,
        "pencari_informasi": 2,
        "elaborator": 2,
        "pengatur_kompromi": 1,
        "instruktur": 1,
    },
    "performing": {
        "pendengar": 4,
        "pemberi_semangat": 3,
        "evaluator": 2,
        "elaborator": 2,
        "pengikut": 2,
        "pendorong": 1,
    },
    "adjourning": {"evaluator": 4, "pemberi_semangat": 3, "pendengar": 3, "elaborator": 1, "pencatat": 1},
}
"""Weights of the mezzo roles the facilitator takes, by observed stage."""

MEMBER_ROLES = ("pencatat", "pemberi_semangat", "pencari_informasi", "pengatur_kompromi", "pendorong", "elaborator")
"""Roles members take over themselves once a group performs (tagged on a few of their acts)."""

FAC_TO_GROUP = {"forming": 0.5, "storming": 0.35, "norming": 0.35, "performing": 0.4, "adjourning": 0.45}
MEMBER_TO_GROUP = {"forming": 0.06, "storming": 0.08, "norming": 0.14, "performing": 0.18, "adjourning": 0.22}
POSITIVE = {"forming": 0.25, "storming": 0.15, "norming": 0.35, "performing": 0.3, "adjourning": 0.45}

P_ANSWER = 0.5
"""Chance that the member just addressed takes the next member turn."""
P_REPLY_TO_SPEAKER = 0.55
"""Chance that an answering member addresses the one who spoke to them."""
P_ROLE_TAGGED = 0.85
"""Share of facilitator acts the recorder tags with a mezzo role."""

# ── spec types ────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Person:
    """A fictional member."""

    code: str
    name: str
    attributes: dict[str, str]
    talk: float = 1.0
    names_ok: bool = False
    joined: int | None = None
    left: int | None = None
    nicknames: tuple[str, ...] = ()
    minor: bool = False
    """Under 18: the guardian consents and the child assents."""
    mandated: bool = False
    """Takes part because a programme or institution requires it."""
    noted: bool = True
    """False: takes part but declined to be noted; the recorder notes none of their acts."""
    parent: str = ""
    """For a minor living at home: the parent who consented."""


def p(
    code: str,
    name: str,
    sex: str,
    usia: str,
    talk: float = 1.0,
    *,
    names_ok: bool = False,
    joined: int | None = None,
    left: int | None = None,
    nicknames: tuple[str, ...] = (),
    minor: bool = False,
    mandated: bool = False,
    noted: bool = True,
    parent: str = "",
    **attrs: str,
) -> Person:
    """A member: sex "L"/"P", an age band, talkativeness and free attributes."""
    gender = {"L": "laki-laki", "P": "perempuan"}[sex]
    return Person(
        code,
        name,
        {"gender": gender, "usia": usia, **attrs},
        talk,
        names_ok,
        joined,
        left,
        nicknames,
        minor,
        mandated,
        noted,
        parent,
    )


@dataclass(frozen=True)
class Block:
    """A block of the group's usual agenda."""

    title: str
    minutes: int
    activity: str
    method: str
    density: float = 1.0
    materials: str = ""
    output: str = ""
    round: bool = False
    """A round (putaran): members speak in turn around the circle before free talk resumes."""


@dataclass(frozen=True)
class Meeting:
    """The content of one session: plan, what happened, reflection, supervision."""

    theme: str
    purpose: str
    objectives: list[tuple[str, str, str]]
    core: str
    notes: str
    comment: str = ""
    reply: str = ""
    attendance: dict[str, tuple[str, str]] = field(default_factory=dict)
    live_notes: list[tuple[int, str, bool]] = field(default_factory=list)
    blocks: dict[int, str] = field(default_factory=dict)
    leave: dict[str, str] = field(default_factory=dict)
    pause: str = ""
    follow_up: str = ""
    venue: str = ""
    risks: list[tuple[str, str]] = field(default_factory=list)
    materials: tuple[str, ...] = ()
    amendment: tuple[str, str, str] | None = None
    safety_absences: tuple[str, ...] = ()
    """Members whose attendance reason reveals a safeguarding event (flagged for follow-up)."""


@dataclass(frozen=True)
class Arc:
    """Per-session parameters (see the module docstring)."""

    acts: tuple[int, ...]
    fac: tuple[float, ...]
    quiet: tuple[float, ...]
    stage: tuple[str, ...]
    cross: tuple[float, ...] | None = None
    neg: tuple[float, ...] | None = None


@dataclass(frozen=True)
class GroupSpec:
    """One sample group and its story."""

    folder: str
    name: str
    type: str
    purpose: str
    agency: str
    facilitators: list[str]
    supervisor: str
    members: list[Person]
    seating: list[str]
    planned_sessions: int
    frequency: str
    minutes: int
    first_date: dt.date
    start: dt.time
    venue: str
    agenda: list[Block]
    core_block: int
    materials: list[str]
    risks: list[tuple[str, str]]
    evaluation: str
    quiet: str
    arc: Arc
    meetings: list[Meeting]
    reviews: tuple[str, ...]
    facilitator_story: str = "falling"
    split: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    split_story: str | None = None
    quiet_first_min: int = 1
    """Acts the quiet member has at least in session 1 (0: may stay silent)."""
    coding: str = "off"
    secondary_types: tuple[str, ...] = ()
    professional_lead: bool = False
    restate_confidentiality: bool = False
    """The agenda restates the confidentiality agreement at every session, not only the first."""
    role_bias: dict[str, int] = field(default_factory=dict)
    story: str = ""
    population: tuple[str, ...] = ()
    """Population flags of the group (children, violence_survivors, hiv, mental_health, mandated)."""
    analysable: tuple[str, ...] = ()
    """Member attributes the group allows for equity analysis; the rest stay private."""
    interval_days: int = 7
    """Days between meetings (P2K2 meets monthly)."""
    guardian: tuple[str, str] | None = None
    """(name, relation) of whoever consents for the group's minors (e.g. the LKSA head)."""
    safety_follow_up: dict[int, tuple[str, str, str]] = field(default_factory=dict)
    """Session number → (reported_to, closed_by, closing note) for its safety-flagged items."""

    def story_card(self) -> dict[str, object]:
        """What the data must show, for tests and readers."""
        card: dict[str, object] = {
            "type": self.type,
            "quiet_member": self.quiet,
            "facilitator_share": self.facilitator_story,
            "split": self.split_story,
            "coding": self.coding,
            "story": self.story,
        }
        if self.split:
            card["subgroups"] = self.split
        return card


# ── the ten groups ────────────────────────────────────────────────────────────────────────────

ETHICS_ITEMS = (
    "confidentiality_agreement",
    "confidentiality_limits",
    "recording_consent",
    "voluntary_participation",
    "right_to_pass",
)
"""The ethics checklist ids of catalog/planning.toml, in checklist order."""
DISCLOSURE_TYPES = ("self_help", "therapy", "sensitivity")
"""Types where members disclose personal matters: voluntary participation and the right to pass
are restated every session."""


def figure_comment(spec: GroupSpec, session: Session) -> str:
    """A supervisor's comment written for what this session's own figures show.

    (One template comment shared by every group used to contradict the session it sat on: a
    leader-centred first session praised for being "more member-centred".) Members are named by
    code, as a supervisor's written comment should.
    """
    acts = session.acts()
    share = round(100 * sum(a.from_ == FACILITATOR for a in acts) / len(acts))
    spoke: dict[str, int] = {}
    for act in acts:
        if act.from_ != FACILITATOR:
            spoke[act.from_] = spoke.get(act.from_, 0) + 1
    noted = {m.code for m in spec.members if m.noted}
    present = [c for c in session.present_codes() if c in noted]
    silent = [c for c in present if c not in spoke]
    stage = spec.arc.stage[session.number - 1]
    if share >= 45:
        first = f"Fasilitator memegang {share}% tindak bicara; kelompok masih berpusat pada fasilitator"
        first += " — wajar di sesi awal." if session.number <= 2 else ". Coba lempar pertanyaan kembali ke anggota."
    elif share >= 30:
        first = f"Fasilitator memegang {share}% tindak bicara; percakapan mulai bergeser ke anggota."
    else:
        first = f"Fasilitator hanya memegang {share}% tindak bicara; anggota sudah saling menanggapi. Pertahankan."
    if silent:
        second = f"{', '.join(silent)} hadir tetapi belum bicara: ajak lewat putaran atau obrolan berpasangan, tanpa memaksa."
    elif present:
        least = min(present, key=lambda c: (spoke.get(c, 0), c))
        second = (
            f"Paling sedikit bicara: {least} ({spoke.get(least, 0)} tindak bicara). Perhatikan apakah ia diberi ruang."
        )
    else:
        second = ""
    if stage == "storming":
        second += " Ketegangan di tahap ini wajar; catat bagaimana kelompok menanganinya."
    return " ".join(f"{first} {second}".split())


SOCIAL = GroupSpec(
    folder="warga-baru-rw07-sukamaju",
    analysable=("gender", "usia", "tinggal"),
    name="Ngobrol Sore Warga RW 07 Sukamaju",
    type="social_conversation",
    purpose=(
        "Mempertemukan warga kampung lama RW 07 dan penghuni baru Perumahan Griya Sukamaju dalam obrolan "
        "santai mingguan agar saling kenal, tumbuh rasa percaya, dan terbuka jalan untuk kegiatan warga bersama."
    ),
    agency="Kelurahan Sukamaju — difasilitasi TKSK Kecamatan",
    facilitators=["Rina Kartikasari", "Dodi Permana"],
    supervisor="Nia Kurniawati, M.Si.",
    members=[
        p("A1", "Euis Komalasari", "P", "41-59", 1.7, names_ok=True, tinggal="kampung lama", asal="Sunda"),
        p("A2", "Ujang Suherman", "L", "41-59", 1.3, tinggal="kampung lama", asal="Sunda"),
        p("A3", "Neneng Rohaeti", "P", "26-40", 1.0, tinggal="kampung lama", asal="Sunda"),
        p("A4", "Cecep Hidayat", "L", "60+", 0.9, names_ok=True, tinggal="kampung lama", asal="Sunda"),
        p("A5", "Maria Simanjuntak", "P", "26-40", 1.4, tinggal="perumahan baru", asal="Batak"),
        p("A6", "Hasnawati", "P", "26-40", 1.0, tinggal="perumahan baru", asal="Bugis"),
        p("A7", "Fajar Nugroho", "L", "26-40", 1.1, tinggal="perumahan baru", asal="Jawa"),
        p("A8", "Yulia Rahmadani", "P", "18-25", 1.0, tinggal="perumahan baru", asal="Minang"),
    ],
    seating=["A1", "A3", "A2", "A4", "A7", "A5", "A8", "A6"],
    planned_sessions=6,
    frequency="mingguan (Jumat sore)",
    minutes=60,
    first_date=dt.date(2026, 1, 16),
    start=dt.time(16, 0),
    venue="Teras Pos RW 07",
    agenda=[
        Block("Pembukaan", 5, "Sambutan, teh dan gorengan, mengingatkan kesepakatan obrolan", "obrolan", 0.8),
        Block("Pemecah kebekuan", 10, "Kartu pertanyaan pembuka, berpasangan warga lama–warga baru", "permainan", 1.2),
        Block("Obrolan terbuka", 35, "", "diskusi bebas", 1.0, output="Hal-hal yang ingin dilanjutkan warga"),
        Block(
            "Putaran penutup",
            7,
            "Satu kalimat kesan dari setiap warga; kabar pertemuan berikut",
            "putaran",
            1.1,
            round=True,
        ),
    ],
    core_block=2,
    materials=["teh dan gorengan (iuran sukarela)", "kartu pertanyaan pembuka", "tikar"],
    risks=[
        ("Obrolan dikuasai warga yang sudah saling akrab", "Putaran bergiliran dan ajakan lembut bagi yang diam"),
        ("Gosip tentang tetangga yang tidak hadir", "Kesepakatan: tidak membicarakan orang yang tidak hadir"),
    ],
    evaluation="Putaran kesan di akhir sesi; co-fasilitator mencatat siapa bicara kepada siapa.",
    restate_confidentiality=True,
    quiet="A6",  # Bu Hasnawati, baru pindah dari Makassar, hampir diam di awal
    split=(("A1", "A2", "A3", "A4"), ("A5", "A6", "A7", "A8")),
    split_story="heals",
    story="Warga kampung lama dan warga perumahan mula-mula bicara di kelompoknya sendiri; setelah gesekan soal parkir di sesi 3 mereka mulai saling bicara dan merencanakan kerja bakti bersama.",
    arc=Arc(
        acts=(64, 78, 90, 98, 110),
        fac=(0.55, 0.45, 0.36, 0.28, 0.22),
        quiet=(0.15, 0.3, 0.55, 0.85, 1.1),
        cross=(0.10, 0.14, 0.24, 0.38, 0.50),
        stage=("forming", "forming", "storming", "norming", "performing"),
    ),
    meetings=[
        Meeting(
            theme="Kenalan: nama, asal, dan tempat favorit",
            purpose="Warga lama dan warga baru saling mengenal nama, asal, dan hal kecil yang disukai di lingkungan RW 07.",
            objectives=[
                (
                    "Setiap warga menyebut nama panggilan dan asalnya",
                    "met",
                    "Delapan warga menyebut nama dan asal dalam putaran perkenalan.",
                ),
                (
                    "Kelompok menyepakati tiga aturan obrolan",
                    "met",
                    "Disepakati: tidak memotong, tidak membicarakan yang tidak hadir, HP disenyapkan.",
                ),
            ],
            core="Obrolan tentang tempat favorit di sekitar RW 07 (warung, masjid, lapangan) dan apa yang masih membingungkan warga baru",
            notes=(
                "Warga kampung lama duduk berkelompok di sisi kiri dan banyak bercanda dalam bahasa Sunda; warga perumahan "
                "lebih banyak menjawab pertanyaan fasilitator. Bu Hasnawati hanya bicara saat giliran perkenalan. Perlu "
                "pertanyaan yang mengundang pertukaran antarwarga, bukan lewat fasilitator."
            ),
            comment="Pembukaan yang jelas. Perhatikan pengelompokan tempat duduk — coba acak pasangan pada permainan pembuka minggu depan.",
            live_notes=[
                (
                    2,
                    "Obrolan beralih ke bahasa Sunda; Bu Maria dan Bu Yulia tampak tidak ikut. Fasilitator mengajak kembali ke bahasa Indonesia.",
                    False,
                )
            ],
        ),
        Meeting(
            theme="Cerita pindahan dan kebiasaan di kampung asal",
            purpose="Warga berbagi cerita pindahan dan kebiasaan di tempat asal untuk menemukan kesamaan.",
            objectives=[
                (
                    "Setiap warga baru menceritakan satu kebiasaan dari kampung asalnya",
                    "partly",
                    "Tiga dari empat warga perumahan bercerita; Bu Hasnawati memakai haknya untuk melewatkan giliran.",
                ),
                (
                    "Minimal dua pertanyaan diajukan antara warga lama dan warga baru",
                    "met",
                    "Pak Ujang bertanya kepada Pak Fajar soal mudik; Bu Euis bertanya kepada Bu Maria soal masakan Medan.",
                ),
            ],
            core="Berbagi cerita pindahan: apa yang dirindukan dari kampung asal, apa yang mengejutkan di Sukamaju",
            attendance={"A4": ("excused", "kontrol tekanan darah di puskesmas")},
            notes="Suasana lebih cair. Pertanyaan silang mulai muncul, tetapi masih dipancing fasilitator. Pak Cecep izin kontrol ke puskesmas.",
            comment="Baik bahwa hak melewatkan giliran dihormati. Minggu depan beri ruang yang lebih aman untuk Bu Hasnawati, misalnya obrolan berpasangan lebih dulu.",
        ),
        Meeting(
            theme="Ronda, parkir, dan aturan tak tertulis",
            purpose="Membicarakan secara terbuka aturan tak tertulis di RW 07 (ronda, parkir motor, iuran) yang mulai menimbulkan gesekan.",
            objectives=[
                (
                    "Warga lama dan baru menyebut masing-masing satu kebiasaan yang mengganggu tanpa menyalahkan orang",
                    "partly",
                    "Disampaikan soal parkir motor di gang dan jam ronda; sempat ada nada menyalahkan dari dua warga.",
                ),
                (
                    "Disepakati satu hal yang akan ditanyakan ke pengurus RW",
                    "met",
                    "Kelompok meminta jadwal ronda dibagikan lewat grup WhatsApp RW.",
                ),
            ],
            core="Obrolan tentang ronda malam, parkir motor di gang, dan iuran kebersihan",
            attendance={"A7": ("late", "pulang kerja terlambat")},
            live_notes=[(2, "Ketegangan soal parkir; fasilitator mengusulkan jeda teh lima menit.", False)],
            pause="jeda teh",
            notes=(
                "Topik parkir memancing ketegangan antara Pak Ujang dan Pak Fajar; sempat saling sindir sebelum mereda "
                "setelah jeda teh. Justru di sesi ini warga lama dan baru mulai saling bicara langsung, tidak lewat fasilitator."
            ),
            comment="Jeda teh pilihan yang baik. Ketegangan ini tanda kelompok mulai jujur; jangan buru-buru ditutup.",
        ),
        Meeting(
            theme="Masakan dari kampung halaman",
            purpose="Warga saling mencicipi masakan dari daerah asal dan merayakan keragaman RW 07.",
            objectives=[
                (
                    "Setiap warga membawa atau menceritakan satu masakan",
                    "met",
                    "Ada peuyeum, arsik, coto, rendang, dan nasi liwet; semua yang hadir bercerita.",
                ),
                (
                    "Warga baru yang jarang bicara menceritakan masakannya",
                    "met",
                    "Bu Hasnawati bercerita tentang coto Makassar dan ditanya balik oleh tiga warga.",
                ),
            ],
            core="Makan bersama: setiap warga memperkenalkan masakan yang dibawanya dan cerita di baliknya",
            attendance={"A2": ("absent", "tidak ada kabar; kemudian diketahui lembur")},
            materials=("piring dan sendok bersama",),
            notes="Paling hangat sejauh ini. Bu Hasnawati bercerita panjang tentang coto Makassar dan mendapat banyak pertanyaan. Fasilitator lebih banyak mendengarkan.",
        ),
        Meeting(
            theme="Dari ngobrol ke kegiatan bersama",
            purpose="Kelompok menimbang apakah obrolan sore akan berlanjut menjadi kegiatan warga bersama.",
            objectives=[
                (
                    "Kelompok memilih satu kegiatan bersama yang dipimpin warga",
                    "met",
                    "Disepakati kerja bakti saluran air Minggu 22 Februari, koordinator Pak Ujang dan Pak Fajar.",
                ),
                (
                    "Warga melakukan putaran penutup tanpa dipandu fasilitator",
                    "met",
                    "Bu Euis memimpin putaran penutup tanpa diminta.",
                ),
            ],
            core="Diskusi bebas tentang kegiatan bersama: kerja bakti saluran, arisan, pengajian gabungan",
            notes=(
                "Warga lama dan baru bercampur duduknya. Pak Ujang dan Pak Fajar, yang berselisih di sesi 3, kini menjadi "
                "koordinator bersama kerja bakti. Fasilitator hampir hanya mendengarkan. Satu sesi lagi untuk menutup seri."
            ),
            follow_up="Kerja bakti 22 Februari; sesi penutup seri Jumat 20 Februari.",
        ),
    ],
    reviews=("reviewed", "reviewed", "reviewed", "submitted", "draft"),
)

RECREATION = GroupSpec(
    folder="senam-lansia-melati",
    analysable=("gender", "usia"),
    name="Senam Lansia Posyandu Lansia Melati",
    type="recreation",
    secondary_types=("social_conversation",),
    purpose=(
        "Senam bersama dan waktu santai setiap Minggu pagi bagi lansia Dusun Ngaglik agar tetap bugar, gembira, "
        "dan tidak kesepian; sekaligus memperhatikan lansia yang mulai menarik diri."
    ),
    agency="Posyandu Lansia Melati, Desa Sumberrejo — bersama Puskesmas dan pekerja sosial desa",
    facilitators=["Wahyu Setyaningsih", "Agus Priyanto"],
    supervisor="Endang Sulistyowati, S.Sos.",
    members=[
        p("L1", "Sumiyati", "P", "70-79", 1.5, names_ok=True, mobilitas="mandiri"),
        p("L2", "Paijo Wiryosukarto", "L", "70-79", 1.2, names_ok=True, mobilitas="mandiri"),
        p("L3", "Tukinem", "P", "80+", 0.8, mobilitas="bertongkat"),
        p("L4", "Sri Handayani", "P", "60-69", 1.6, names_ok=True, mobilitas="mandiri"),
        p("L5", "Rusmini", "P", "60-69", 1.1, mobilitas="mandiri"),
        p("L6", "Ngatijo", "L", "70-79", 0.9, mobilitas="bertongkat"),
        p("L7", "Suparni", "P", "60-69", 1.2, mobilitas="mandiri"),
        p("L8", "Harjono", "L", "60-69", 1.0, mobilitas="mandiri"),
        p("L9", "Siti Marfuah", "P", "70-79", 1.0, mobilitas="mandiri"),
    ],
    seating=["L4", "L1", "L5", "L7", "L9", "L3", "L6", "L2", "L8"],
    planned_sessions=8,
    frequency="mingguan (Minggu pagi)",
    minutes=90,
    first_date=dt.date(2026, 1, 11),
    start=dt.time(6, 30),
    venue="Halaman balai Dusun Ngaglik",
    agenda=[
        Block(
            "Berkumpul dan cek tensi",
            15,
            "Kader mengukur tekanan darah; saling sapa",
            "pemeriksaan ringan dan obrolan",
            0.9,
            "tensimeter",
        ),
        Block("Pemanasan", 10, "Gerak leher, bahu, dan pernapasan", "senam terpimpin", 0.4),
        Block(
            "Senam inti",
            30,
            "Senam lansia mengikuti musik; versi duduk untuk yang perlu",
            "senam terpimpin",
            0.25,
            "pengeras suara",
        ),
        Block("Pendinginan dan minum", 10, "Peregangan, minum air, istirahat", "santai", 0.9),
        Block("Ngobrol dan permainan", 20, "", "obrolan dan permainan", 1.4),
        Block("Penutup", 5, "Doa, pengumuman, jadwal minggu depan", "pengumuman", 0.8),
    ],
    core_block=4,
    materials=["pengeras suara dan musik senam", "tensimeter", "air minum", "kursi untuk yang tidak kuat berdiri"],
    risks=[
        (
            "Lansia pusing atau jatuh saat senam",
            "Cek tensi sebelum senam; kursi disediakan; kader berdiri di barisan belakang",
        ),
        ("Lansia yang lambat merasa tertinggal", "Gerakan versi duduk ditawarkan untuk semua, bukan hanya yang sakit"),
    ],
    evaluation="Kehadiran, keluhan setelah senam, dan siapa yang ikut ngobrol.",
    quiet="L8",  # Pak Harjono, baru ditinggal istrinya, datang diantar anak dan duduk di ujung
    quiet_first_min=0,
    story="Pak Harjono yang baru menduda perlahan ikut bicara lalu memimpin lomba; kader makin sedikit mengarahkan.",
    arc=Arc(
        acts=(60, 70, 78, 88, 96),
        fac=(0.58, 0.48, 0.40, 0.32, 0.26),
        quiet=(0.12, 0.25, 0.5, 0.8, 1.05),
        stage=("forming", "forming", "norming", "performing", "performing"),
    ),
    role_bias={"pendorong": 3},
    meetings=[
        Meeting(
            theme="Kenalan dan cek kesehatan",
            purpose="Memulai kembali senam mingguan setelah libur akhir tahun dan mengenal peserta baru.",
            objectives=[
                (
                    "Kader mencatat tensi semua peserta sebelum senam",
                    "met",
                    "Sembilan peserta dicek; Pak Ngatijo (tensi tinggi) senam versi duduk.",
                ),
                (
                    "Setiap peserta menyebut satu harapan untuk kegiatan ini",
                    "partly",
                    "Delapan peserta menyebut harapan; Pak Harjono hanya mengangguk.",
                ),
            ],
            core="Obrolan perkenalan: tinggal dengan siapa, kegiatan sehari-hari",
            notes=(
                "Pak Harjono datang diantar anaknya, duduk di ujung dan tidak ikut obrolan. Bu Sri Handayani dan "
                "Bu Sumiyati sangat aktif. Rencana: minta Pak Harjono membantu memegang pengeras suara minggu depan."
            ),
        ),
        Meeting(
            theme="Senam jantung sehat dan obrolan soal tidur",
            purpose="Menjaga kebiasaan senam dan berbagi cara agar tidur nyenyak.",
            objectives=[
                (
                    "Peserta menyelesaikan senam inti 30 menit (boleh versi duduk)",
                    "met",
                    "Semua selesai; dua peserta versi duduk.",
                ),
                (
                    "Peserta berbagi satu kebiasaan sebelum tidur",
                    "met",
                    "Tujuh peserta berbagi; muncul tips minum jahe hangat dan tidak tidur siang terlalu lama.",
                ),
            ],
            core="Ngobrol: susah tidur dan kebiasaan malam",
            attendance={"L3": ("excused", "sakit lutut; dijenguk kader sore harinya")},
            notes="Pak Harjono membantu memegang pengeras suara dan tersenyum saat dipuji. Bu Tukinem izin sakit lutut; kader menjenguk.",
        ),
        Meeting(
            theme="Senam otak dan lempar bola nama",
            purpose="Melatih daya ingat lewat permainan dan mempererat kenalan antarpeserta.",
            objectives=[
                (
                    "Setiap peserta menyebut nama minimal tiga peserta lain dalam permainan",
                    "met",
                    "Semua berhasil; Bu Tukinem dibantu isyarat teman.",
                ),
                (
                    "Pak Harjono melakukan lemparan dan menyebut nama dalam permainan",
                    "met",
                    "Ia melempar bola kepada Pak Paijo dan Pak Ngatijo dan bercerita tentang kebun cabai.",
                ),
            ],
            core="Permainan lempar bola nama dan cerita singkat",
            live_notes=[
                (
                    1,
                    "Bu Suparni pusing ringan saat pemanasan; istirahat di kursi, tensi dicek ulang 130/85, melanjutkan versi duduk.",
                    False,
                )
            ],
            notes="Permainan membuat semua tertawa. Pak Harjono bercerita tentang kebun cabai peninggalan almarhumah istrinya.",
            comment="Penanganan keluhan pusing sudah tepat dan tercatat. Bagus juga peran kecil untuk Pak Harjono.",
        ),
        Meeting(
            theme="Senam dan jalan santai ke embung",
            purpose="Menambah variasi gerak dan memberi kesempatan ngobrol berpasangan selama berjalan.",
            objectives=[
                (
                    "Setiap pasangan menyelesaikan rute jalan santai tanpa ada yang tertinggal",
                    "met",
                    "Empat pasangan dan satu bertiga; tidak ada yang tertinggal.",
                ),
                (
                    "Peserta mengusulkan sendiri kegiatan minggu depan",
                    "met",
                    "Diusulkan lomba kecil memasukkan bola ke keranjang dan syukuran sederhana.",
                ),
            ],
            core="Jalan santai berpasangan ke embung desa lalu ngobrol di gazebo",
            blocks={2: "Jalan santai berpasangan ke embung (±1 km), senam ringan di tepi embung"},
            attendance={"L9": ("absent", "tidak ada kabar; kader berkunjung hari Senin")},
            pause="gerimis, berteduh di gazebo",
            venue="Embung Desa Sumberrejo",
            notes="Jalan berpasangan membuat obrolan lebih merata. Pak Harjono berpasangan dengan Pak Ngatijo (bertongkat) dan menjaganya.",
        ),
        Meeting(
            theme="Lomba kecil dan syukuran",
            purpose="Merayakan kebersamaan dan memberi peserta kesempatan memimpin.",
            objectives=[
                (
                    "Peserta memimpin sendiri satu permainan",
                    "met",
                    "Bu Sri Handayani dan Pak Harjono memimpin lomba memasukkan bola.",
                ),
                (
                    "Peserta menyebut manfaat kegiatan bagi dirinya",
                    "met",
                    "Muncul: 'badan lebih enteng', 'ada teman ngobrol', 'tidak kesepian di rumah'.",
                ),
            ],
            core="Lomba memasukkan bola ke keranjang dipimpin peserta, lalu makan bersama",
            notes="Pak Harjono memimpin lomba bersama Bu Sri. Kader hampir tidak perlu mengarahkan obrolan.",
        ),
    ],
    reviews=("reviewed", "reviewed", "reviewed", "reviewed", "submitted"),
)

SKILL = GroupSpec(
    folder="sanggar-tari-sekar-arum",
    population=("children",),
    analysable=("gender", "usia"),
    name="Sanggar Tari Remaja Sekar Arum",
    type="recreation_skill",
    secondary_types=("socialization",),
    purpose=(
        "Remaja RW 05 Kelurahan Tegalrejo belajar tari kreasi Nusantara bersama pelatih hingga tampil di pentas "
        "kelurahan, sambil melatih percaya diri, disiplin, dan kerja sama."
    ),
    agency="Karang Taruna Kelurahan Tegalrejo bersama pekerja sosial Dinas Sosial Kota",
    facilitators=["Ayu Larasati", "Bima Prasetyo"],
    supervisor="Theresia Sri Murwani, M.Si.",
    members=[
        p("T1", "Putri Ramadhani", "P", "16-17", 1.6, sekolah="SMA", minor=True, parent="Ibu Sumiati"),
        p("T2", "Nabila Azzahra", "P", "13-15", 1.2, sekolah="SMP", minor=True, parent="Bapak Zainal Arifin"),
        p("T3", "Dinda Maharani", "P", "16-17", 1.1, sekolah="SMA", minor=True, parent="Ibu Wahyuni"),
        p(
            "T4",
            "Salsabila Hutagalung",
            "P",
            "13-15",
            1.0,
            sekolah="SMP",
            minor=True,
            parent="Ibu Rosmawati Hutagalung",
        ),
        p("T5", "Rizky Saputra", "L", "16-17", 1.3, sekolah="SMK", minor=True, parent="Bapak Slamet Riyadi"),
        p("T6", "Galih Pratama", "L", "13-15", 1.0, sekolah="SMP", minor=True, parent="Ibu Endah Lestari"),
        p("T7", "Andini Rahayu", "P", "13-15", 1.0, sekolah="SMP", minor=True, parent="Bapak Joko Rahayu"),
        p("T8", "Rahmi Yulianti", "P", "16-17", 1.0, sekolah="SMK", minor=True, parent="Ibu Yuliani"),
    ],
    seating=["T1", "T5", "T3", "T8", "T2", "T4", "T6", "T7"],
    planned_sessions=8,
    frequency="mingguan (Sabtu sore)",
    minutes=90,
    first_date=dt.date(2026, 1, 17),
    start=dt.time(15, 30),
    venue="Pendopo balai RW 05",
    agenda=[
        Block("Pemanasan", 10, "Peregangan dan permainan ritme", "gerak bersama", 0.6),
        Block("Contoh gerak", 15, "Pelatih memperagakan ragam gerak baru", "demonstrasi", 1.0),
        Block("Latihan", 45, "", "latihan terpimpin dan berpasangan", 0.55, "musik, selendang"),
        Block(
            "Unjuk dan umpan balik",
            15,
            "Kelompok kecil menampilkan; umpan balik bergiliran",
            "pertunjukan dan umpan balik",
            1.3,
            round=True,
        ),
        Block("Penutup", 5, "Kesimpulan dan tugas latihan di rumah", "rangkuman", 0.9),
    ],
    core_block=2,
    materials=["pengeras suara dan musik", "properti selendang", "matras", "air minum"],
    risks=[
        (
            "Peserta minder dibandingkan teman yang lebih luwes",
            "Umpan balik dimulai dari hal yang sudah bagus; tidak ada peringkat",
        ),
        ("Cedera otot", "Pemanasan wajib 10 menit; latihan berhenti bila ada keluhan"),
        ("Orang dewasa berdua saja dengan anak", "Latihan selalu di pendopo terbuka dengan minimal dua orang dewasa"),
    ],
    evaluation="Daftar cek ragam gerak dari pelatih dan putaran umpan balik.",
    quiet="T7",  # Andini, 14 tahun, berdiri paling belakang dan nyaris tak bersuara di awal
    role_bias={"instruktur": 4, "pendorong": 2},
    story="Pelatih mula-mula memberi hampir semua instruksi; setelah perebutan barisan depan di sesi 3, peserta saling mengoreksi dan Andini mengusulkan formasi.",
    arc=Arc(
        acts=(70, 82, 96, 104, 112),
        fac=(0.60, 0.52, 0.44, 0.36, 0.30),
        quiet=(0.12, 0.25, 0.45, 0.75, 1.0),
        stage=("forming", "norming", "storming", "norming", "performing"),
    ),
    meetings=[
        Meeting(
            theme="Kenalan dan gerak dasar",
            purpose="Peserta saling mengenal, mengenal pelatih, dan mencoba gerak dasar tari kreasi.",
            objectives=[
                (
                    "Setiap peserta memperagakan gerak dasar tangan dan langkah",
                    "met",
                    "Delapan peserta memperagakan; daftar cek pelatih terisi.",
                ),
                (
                    "Kelompok menyepakati aturan latihan",
                    "met",
                    "Disepakati: datang tepat waktu, HP di tas, saling menyemangati, tidak mengejek.",
                ),
            ],
            core="Latihan gerak dasar tangan dan langkah dengan hitungan delapan",
            materials=("formulir persetujuan orang tua/wali (pencatatan dan foto)",),
            notes="Pelatih masih banyak memberi instruksi; peserta saling melirik dan malu. Andini hampir tidak bersuara dan berdiri paling belakang.",
        ),
        Meeting(
            theme="Ragam gerak 1–2, latihan berpasangan",
            purpose="Menguasai ragam gerak 1 dan 2 dan belajar saling mengoreksi dalam pasangan.",
            objectives=[
                (
                    "Setiap pasangan menampilkan ragam 1–2 tanpa hitungan pelatih",
                    "partly",
                    "Tiga dari empat pasangan berhasil; satu pasangan masih perlu hitungan.",
                ),
                (
                    "Setiap peserta memberi satu umpan balik positif kepada pasangannya",
                    "met",
                    "Putaran umpan balik selesai; semua memberi pujian spesifik.",
                ),
            ],
            core="Latihan berpasangan ragam gerak 1 dan 2",
            attendance={"T6": ("late", "les tambahan di sekolah")},
            notes="Latihan berpasangan membuat peserta lebih santai. Andini berpasangan dengan Salsabila dan mulai tertawa.",
        ),
        Meeting(
            theme="Formasi dan posisi pentas",
            purpose="Menentukan formasi dan posisi pentas secara adil.",
            objectives=[
                (
                    "Kelompok menyepakati formasi dengan alasan yang dimengerti semua",
                    "partly",
                    "Formasi disepakati, tetapi Nabila dan Rizky masih keberatan soal barisan depan.",
                ),
                (
                    "Peserta menyampaikan keberatan soal posisi secara terbuka",
                    "met",
                    "Dua keberatan diucapkan terbuka di putaran umpan balik.",
                ),
            ],
            core="Mencoba tiga formasi dan membahas siapa di barisan depan",
            live_notes=[
                (
                    2,
                    "Perdebatan barisan depan; pekerja sosial mengajak jeda dan putaran 'apa yang kamu rasakan'.",
                    False,
                )
            ],
            notes=(
                "Perebutan barisan depan antara Putri dan Rizky. Pelatih mengusulkan posisi bergantian per bagian lagu; "
                "diterima setengah hati. Andini mengusulkan formasi setengah lingkaran — usulan pertamanya di kelompok."
            ),
            comment="Konflik posisi wajar di tahap ini. Usulan Andini layak diberi ruang lagi minggu depan.",
        ),
        Meeting(
            theme="Latihan dengan musik dan selendang",
            purpose="Menarikan seluruh rangkaian dengan musik dan properti.",
            objectives=[
                (
                    "Seluruh rangkaian ditarikan dengan musik dua kali tanpa berhenti",
                    "met",
                    "Putaran kedua tanpa berhenti; satu selendang lepas, diteruskan.",
                ),
                (
                    "Peserta memberi koreksi kepada teman tanpa menunggu pelatih",
                    "met",
                    "Tercatat beberapa koreksi antarpeserta, termasuk dari Andini kepada Galih.",
                ),
            ],
            core="Latihan rangkaian utuh dengan musik dan selendang, formasi setengah lingkaran",
            attendance={"T4": ("excused", "ikut lomba pramuka sekolah")},
            notes="Formasi setengah lingkaran usulan Andini dipakai. Peserta saling mengoreksi; pelatih lebih banyak menonton.",
            comment="Catatan reflektif belum menyebut apakah orang tua Salsabila sudah dikabari jadwal gladi. Mohon dilengkapi lalu kirim ulang.",
            reply="Baik, akan saya lengkapi setelah menghubungi orang tuanya.",
        ),
        Meeting(
            theme="Gladi bersih dan evaluasi",
            purpose="Gladi bersih di depan orang tua dan menilai kemajuan menuju pentas kelurahan.",
            objectives=[
                (
                    "Kelompok melakukan gladi tarian utuh di depan orang tua",
                    "met",
                    "Gladi ditonton sebelas orang tua; tanpa berhenti.",
                ),
                (
                    "Setiap peserta menyebut satu hal yang ia pelajari tentang dirinya",
                    "met",
                    "Andini: 'ternyata aku berani di depan'.",
                ),
            ],
            core="Gladi bersih dua kali dengan penonton orang tua",
            live_notes=[
                (
                    3,
                    "Orang tua Andini meminta foto latihan tidak diunggah ke media sosial; disampaikan ke semua peserta dan orang tua.",
                    False,
                )
            ],
            notes="Andini menari di barisan depan pada bagian kedua. Putri dan Rizky membantu adik-adik tanpa diminta.",
        ),
    ],
    reviews=("reviewed", "reviewed", "reviewed", "returned", "draft"),
)

EDUCATION = GroupSpec(
    folder="p2k2-pkh-dahlia",
    analysable=("gender", "usia"),
    population=("mandated",),
    interval_days=28,
    name="P2K2 PKH Kelompok Dahlia — Modul Pengasuhan",
    type="education",
    purpose=(
        "Pertemuan Peningkatan Kemampuan Keluarga (P2K2/FDS) bagi KPM PKH Desa Cibeureum: modul pengasuhan dan "
        "pendidikan anak, agar orang tua mempraktikkan pengasuhan positif di rumah."
    ),
    agency="Program Keluarga Harapan (PKH) — pendamping Kecamatan Cibeureum",
    facilitators=["Siti Nurjanah"],
    supervisor="Asep Saepudin, S.Sos.",
    members=[
        p("K1", "Enung Sumarni", "P", "41-59", 1.3, names_ok=True, pendidikan="SD"),
        p("K2", "Iis Rahmawati", "P", "26-40", 1.6, pendidikan="SMP"),
        p("K3", "Dedeh Kurniasih", "P", "26-40", 1.2, pendidikan="SMA"),
        p("K4", "Yati Haryati", "P", "41-59", 0.9, pendidikan="SD"),
        p("K5", "Lilis Suryani", "P", "26-40", 1.1, pendidikan="SMP"),
        p("K6", "Dadang Sutisna", "L", "41-59", 0.8, pendidikan="SD"),
        p("K7", "Nining Nurhasanah", "P", "26-40", 1.3, pendidikan="SMA"),
        p("K8", "Titin Supriatin", "P", "41-59", 1.0, pendidikan="SD"),
        p("K9", "Ai Rostika", "P", "18-25", 1.0, pendidikan="SMP"),
        # Takes part (a PKH commitment) but declined to be noted: present, never in the record.
        p("K10", "Entin Kartini", "P", "41-59", 0.9, noted=False, pendidikan="tidak tamat SD"),
    ],
    seating=["K1", "K2", "K3", "K4", "K5", "K6", "K7", "K8", "K9", "K10"],
    planned_sessions=5,
    frequency="bulanan (Selasa pagi pekan kedua), seperti pertemuan P2K2 PKH",
    minutes=90,
    first_date=dt.date(2026, 1, 13),
    start=dt.time(9, 0),
    venue="Rumah ketua kelompok (Bu Enung), Kampung Babakan",
    agenda=[
        Block(
            "Pembukaan dan review", 10, "Salam, presensi, mengulang pesan sesi lalu dan laporan PR", "tanya jawab", 1.1
        ),
        Block("Materi inti", 25, "", "ceramah singkat dengan flipchart modul dan kartu gambar", 0.9, "flipchart modul"),
        Block("Kegiatan partisipatif", 30, "Diskusi kelompok kecil", "diskusi, bermain peran, studi kasus", 1.2),
        Block("Refleksi dan penerapan", 15, "Apa yang akan dicoba di rumah minggu ini", "putaran", 1.1, round=True),
        Block("Evaluasi dan penutup", 10, "Kuis lisan singkat, PR, doa", "kuis lisan", 1.0),
    ],
    core_block=1,
    materials=["flipchart modul P2K2 pengasuhan", "kartu gambar", "spidol", "daftar hadir KPM"],
    risks=[
        ("Ceramah mendominasi dan peserta diam", "Materi inti dibatasi 25 menit; kegiatan partisipatif setiap sesi"),
        ("Peserta malu karena kemampuan membaca", "Materi memakai gambar; tidak ada tugas membaca keras"),
    ],
    evaluation="Kuis lisan tiga pertanyaan dan laporan PR di awal sesi berikutnya.",
    quiet="K9",  # Bu Ai, termuda, dua balita; menjawab hanya bila ditanya langsung
    role_bias={"instruktur": 2},
    story="Pendamping memulai dengan banyak materi; ibu-ibu makin saling memberi saran, dan Bu Ai yang paling muda memimpin rangkuman di sesi terakhir.",
    arc=Arc(
        acts=(80, 92, 100, 110, 118),
        fac=(0.62, 0.52, 0.44, 0.36, 0.30),
        quiet=(0.12, 0.25, 0.5, 0.8, 1.05),
        stage=("forming", "forming", "norming", "performing", "adjourning"),
    ),
    meetings=[
        Meeting(
            theme="Menjadi orang tua yang lebih baik",
            purpose="Membangun kontrak belajar dan menyadari peran orang tua dalam tumbuh kembang anak.",
            objectives=[
                (
                    "Setiap peserta menyebut satu harapan untuk anaknya",
                    "met",
                    "Sepuluh harapan ditulis di flipchart dan dibacakan fasilitator.",
                ),
                (
                    "Peserta menyepakati kontrak pertemuan",
                    "met",
                    "Selasa 09.00, HP disenyapkan, anak kecil boleh dibawa dan diasuh bergiliran.",
                ),
            ],
            core="Materi: peran orang tua, kebutuhan anak, dan harapan orang tua",
            blocks={2: "Diskusi berpasangan: pengasuhan yang kita terima dulu dan yang ingin kita berikan"},
            notes="Peserta masih menunggu ditanya. Bu Iis paling banyak bicara. Bu Ai (termuda, dua balita) hanya menjawab saat ditanya langsung.",
            follow_up="PR: amati satu perilaku anak yang membuat Ibu/Bapak kesal, catat kapan terjadi.",
        ),
        Meeting(
            theme="Memahami perilaku anak",
            purpose="Memahami bahwa perilaku anak punya alasan dan berbeda menurut usia.",
            objectives=[
                (
                    "Peserta memilih kartu perilaku yang wajar sesuai usia dan yang perlu perhatian",
                    "partly",
                    "Enam dari delapan peserta benar pada kuis kartu perilaku.",
                ),
                ("Setiap peserta menceritakan hasil PR mengamati anak", "partly", "Enam peserta melapor; dua lupa."),
            ],
            core="Materi: tahap perkembangan anak dan alasan di balik perilaku",
            blocks={2: "Studi kasus kartu perilaku: anak mengamuk di warung"},
            attendance={"K4": ("excused", "mengantar suami berobat ke RSUD"), "K10": ("late", "menunggu angkot")},
            notes="Studi kasus tantrum memancing banyak cerita. Pertanyaan masih diarahkan ke pendamping.",
            follow_up="PR: coba satu kali menamai perasaan anak saat ia marah.",
        ),
        Meeting(
            theme="Memahami cara anak usia dini belajar",
            purpose="Memahami bahwa anak usia dini belajar lewat bermain dan mencoba permainan belajar dari bahan di rumah.",
            objectives=[
                (
                    "Peserta mempraktikkan satu permainan belajar dengan bahan rumah",
                    "met",
                    "Setiap kelompok kecil memperagakan permainan dari tutup botol dan kardus.",
                ),
                (
                    "Peserta yang jarang bicara menyampaikan pengalamannya",
                    "met",
                    "Bu Ai bercerita cara mengajari anaknya berhitung dengan kerikil.",
                ),
            ],
            core="Materi: belajar lewat bermain",
            blocks={2: "Praktik permainan belajar dari barang bekas"},
            live_notes=[
                (
                    2,
                    "Dua balita menangis; Bu Titin dan Bu Entin bergiliran menggendong agar ibunya bisa ikut praktik.",
                    False,
                )
            ],
            leave={"K5": "pamit lebih dulu: menjemput anak pulang PAUD"},
            notes="Praktik membuat peserta saling mengajari. Bu Ai bercerita tentang kerikil berhitung dan ditiru dua ibu lain.",
            comment="Saling mengasuh balita adalah tanda kelompok mulai saling menopang. Catat juga di laporan PKH.",
        ),
        Meeting(
            theme="Membantu anak sukses di sekolah",
            purpose="Orang tua mendukung anak bersekolah dan menjalin komunikasi dengan guru.",
            objectives=[
                (
                    "Setiap peserta membuat jadwal belajar sederhana untuk anak",
                    "met",
                    "Sembilan jadwal dibuat; Bu Entin dibantu Bu Nining.",
                ),
                (
                    "Peserta saling memberi saran tanpa menunggu fasilitator",
                    "met",
                    "Banyak saran antarpeserta tercatat, terutama soal anak yang malas sekolah.",
                ),
            ],
            core="Materi: peran orang tua dalam belajar anak di rumah dan di sekolah",
            blocks={2: "Bermain peran: berbicara dengan wali kelas"},
            attendance={"K6": ("absent", "tidak ada kabar")},
            notes="Bermain peran dengan wali kelas disambut tawa. Ibu-ibu saling memberi saran; pendamping menjaga waktu.",
        ),
        Meeting(
            theme="Disiplin positif tanpa kekerasan",
            purpose="Mempraktikkan cara mendisiplinkan anak tanpa memukul atau membentak, dan menutup modul pengasuhan.",
            objectives=[
                (
                    "Setiap peserta menyebut satu cara mendisiplinkan tanpa memukul atau membentak",
                    "met",
                    "Sepuluh cara disebut; Bu Ai memimpin rangkuman.",
                ),
                ("Peserta menilai modul dengan skala wajah", "met", "Delapan wajah senyum, dua biasa."),
            ],
            core="Materi: disiplin positif, konsekuensi yang wajar, dan menenangkan diri sebelum menegur",
            blocks={2: "Diskusi kelompok kecil: mengganti bentakan dengan kalimat yang jelas"},
            notes="Penutupan modul hangat. Peserta meminta modul kesehatan dimulai bulan depan. Bu Ai, yang di sesi 1 hampir diam, memimpin rangkuman.",
            follow_up="Modul kesehatan dan gizi dijadwalkan mulai bulan depan.",
        ),
    ],
    reviews=("reviewed", "reviewed", "reviewed", "reviewed", "submitted"),
)

TASK = GroupSpec(
    folder="kube-sejahtera-mawar",
    analysable=("gender", "usia", "dusun", "peran"),
    name="KUBE Sejahtera Mawar",
    type="task",
    secondary_types=("problem_solving",),
    purpose=(
        "Delapan keluarga di Desa Karanganyar merencanakan dan memulai usaha bersama keripik singkong dengan bantuan "
        "modal stimulan KUBE: pengurus, rencana usaha, rekening kelompok, dan produksi uji coba."
    ),
    agency="Dinas Sosial Kabupaten — Program KUBE (pendampingan TKSK Kecamatan)",
    facilitators=["Hendra Saputra"],
    supervisor="Retno Palupi, S.Sos., M.Si.",
    members=[
        p("A1", "Sutrisno", "L", "41-59", 1.8, names_ok=True, dusun="Krajan", peran="ketua"),
        p("A2", "Wartini", "P", "41-59", 1.2, names_ok=True, dusun="Krajan", peran="bendahara"),
        p("A3", "Joko Susilo", "L", "26-40", 1.1, left=4, dusun="Krajan", peran="anggota"),
        p("A4", "Umi Kalsum", "P", "26-40", 1.2, names_ok=True, dusun="Krajan", peran="sekretaris"),
        p("A5", "Darsono", "L", "41-59", 1.4, dusun="Sidomulyo", peran="anggota"),
        p("A6", "Painem", "P", "41-59", 1.0, dusun="Sidomulyo", peran="anggota"),
        p("A7", "Karyadi", "L", "26-40", 1.1, dusun="Sidomulyo", peran="anggota"),
        p("A8", "Sulastri", "P", "26-40", 1.0, dusun="Sidomulyo", peran="anggota"),
    ],
    seating=["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8"],
    planned_sessions=8,
    frequency="mingguan (Kamis malam)",
    minutes=75,
    first_date=dt.date(2026, 1, 15),
    start=dt.time(19, 30),
    venue="Rumah Pak Sutrisno, Dusun Krajan",
    agenda=[
        Block("Pembukaan dan agenda", 5, "Salam, presensi, membacakan agenda", "rapat", 1.0),
        Block(
            "Tinjau tindak lanjut", 10, "Memeriksa tugas dari pertemuan lalu", "laporan singkat", 1.2, "buku notulen"
        ),
        Block("Pembahasan", 45, "", "musyawarah", 1.0),
        Block(
            "Keputusan dan pembagian tugas",
            10,
            "Mencatat keputusan: siapa mengerjakan apa, kapan",
            "rapat",
            1.2,
            "buku notulen",
            "daftar tindak lanjut",
        ),
        Block("Penutup", 5, "Rangkuman dan jadwal pertemuan berikut", "rangkuman", 0.9),
    ],
    core_block=2,
    materials=["buku notulen dan buku kas", "papan tulis kecil", "contoh kemasan keripik"],
    risks=[
        (
            "Pengurus dari satu dusun mendominasi keputusan",
            "Putaran pendapat per orang sebelum keputusan; notulen dibacakan",
        ),
        ("Tugas tidak dikerjakan", "Setiap tugas punya penanggung jawab dan tanggal, ditinjau di awal pertemuan"),
    ],
    evaluation="Keputusan tercatat dan tugas yang selesai pada pertemuan berikutnya.",
    quiet="A6",  # Bu Painem (Sidomulyo), diam di awal, kemudian menghitung biaya bahan
    split=(("A1", "A2", "A3", "A4"), ("A5", "A6", "A7", "A8")),
    split_story="heals",
    role_bias={"pencatat": 2, "teknisi_prosedural": 2},
    story="Pengurus semuanya dari Krajan dan anggota Sidomulyo bicara di kelompoknya sendiri; kompromi lokasi produksi di sesi 4 menyatukan dua dusun, fasilitator mundur, Bu Painem ikut menghitung biaya.",
    arc=Arc(
        acts=(72, 84, 96, 100, 108, 116),
        fac=(0.55, 0.47, 0.40, 0.33, 0.26, 0.20),
        quiet=(0.12, 0.2, 0.35, 0.6, 0.9, 1.15),
        cross=(0.10, 0.13, 0.15, 0.30, 0.42, 0.52),
        stage=("forming", "forming", "storming", "norming", "performing", "performing"),
    ),
    meetings=[
        Meeting(
            theme="Pembentukan pengurus dan aturan kelompok",
            purpose="Membentuk pengurus KUBE dan menyepakati aturan kelompok.",
            objectives=[
                (
                    "Kelompok memilih ketua, sekretaris, dan bendahara",
                    "met",
                    "Pak Sutrisno ketua, Bu Umi sekretaris, Bu Wartini bendahara — musyawarah tanpa pemungutan suara.",
                ),
                (
                    "Kelompok menyepakati aturan iuran dan kehadiran",
                    "met",
                    "Iuran Rp10.000 per pertemuan; tiga kali absen tanpa kabar dibicarakan dalam kelompok.",
                ),
            ],
            core="Musyawarah memilih pengurus dan menyusun aturan kelompok",
            notes=(
                "Pengurus terpilih semuanya dari Dusun Krajan. Anggota Sidomulyo setuju tetapi sedikit bicara; Bu Painem "
                "hanya bicara saat memperkenalkan diri. Perlu diperhatikan keseimbangan dua dusun."
            ),
            comment="Pengurus seluruhnya dari satu dusun — bagus sudah dicatat. Pertimbangkan peran koordinator produksi dari Sidomulyo.",
        ),
        Meeting(
            theme="Memilih jenis usaha",
            purpose="Memilih jenis usaha berdasarkan bahan yang ada dan peluang pasar.",
            objectives=[
                (
                    "Minimal tiga pilihan usaha dinilai dengan kriteria yang sama",
                    "met",
                    "Keripik singkong, warung sembako, dan ternak itik dinilai menurut modal, bahan, pasar, tenaga.",
                ),
                (
                    "Kelompok memilih satu jenis usaha",
                    "met",
                    "Keripik singkong: singkong tersedia di kebun Sidomulyo dan ada permintaan warung sekolah.",
                ),
            ],
            core="Menilai tiga pilihan usaha dengan tabel kriteria di papan tulis",
            attendance={"A8": ("excused", "anak sakit; kabar lewat Bu Painem sebelum pertemuan")},
            notes="Pilihan keripik singkong datang dari Pak Darsono dan disetujui cepat. Pembicaraan masih lewat ketua dan fasilitator.",
            amendment=(
                "attendance",
                "A8: absent",
                "A8: excused — anak sakit (kabar diterima sebelum pertemuan, baru dicatat kemudian)",
            ),
        ),
        Meeting(
            theme="Lokasi produksi dan pembagian tugas",
            purpose="Menyepakati tempat produksi dan membagi tugas produksi, pembukuan, dan pemasaran.",
            objectives=[
                (
                    "Kelompok menyepakati lokasi produksi",
                    "not_met",
                    "Krajan mengusulkan rumah ketua, Sidomulyo mengusulkan dekat kebun; belum sepakat.",
                ),
                (
                    "Kelompok membuat pembagian tugas produksi, pembukuan, dan pemasaran",
                    "partly",
                    "Tugas pemasaran dan pembukuan dibagi; tugas produksi menunggu lokasi.",
                ),
            ],
            core="Musyawarah lokasi produksi dan pembagian tugas",
            live_notes=[
                (
                    2,
                    "Nada meninggi antara Pak Sutrisno dan Pak Darsono soal lokasi; fasilitator mengusulkan memisahkan isu lokasi dan isu peran.",
                    False,
                )
            ],
            notes=(
                "Pertemuan paling tegang. Anggota dua dusun bicara di kelompoknya sendiri; Pak Darsono menyindir bahwa "
                "'semua diputuskan di Krajan'. Fasilitator memisahkan masalah menjadi dua isu (lokasi dan peran) dan "
                "menunda keputusan lokasi."
            ),
            comment="Langkah memisahkan isu sudah tepat. Pertemuan berikut bisa di Sidomulyo supaya terasa adil.",
        ),
        Meeting(
            theme="Rencana usaha dan anggaran",
            purpose="Menyusun rencana usaha dan RAB produksi uji coba, dan menuntaskan soal lokasi.",
            objectives=[
                (
                    "Kelompok menyusun RAB produksi uji coba",
                    "met",
                    "RAB Rp4.750.000: alat penggorengan, bahan, kemasan, izin PIRT.",
                ),
                (
                    "Kelompok menyepakati lokasi produksi",
                    "met",
                    "Produksi di dapur bersama dekat kebun Sidomulyo; pengemasan dan penyimpanan di rumah Bu Umi (Krajan).",
                ),
            ],
            core="Menyusun RAB bersama dan mencari jalan tengah soal lokasi",
            venue="Balai Dusun Sidomulyo",
            live_notes=[
                (
                    4,
                    "Pak Joko mengundurkan diri mulai minggu depan karena merantau; kelompok sepakat iurannya dikembalikan.",
                    False,
                )
            ],
            notes=(
                "Kompromi lokasi membuat suasana cair. Pak Darsono menjadi koordinator produksi. Bu Painem untuk pertama "
                "kali menyampaikan pendapat — soal harga singkong dari kebunnya. Pak Joko pamit: ini pertemuan "
                "terakhirnya sebelum merantau ke Batam."
            ),
        ),
        Meeting(
            theme="Rekening kelompok dan jadwal produksi",
            purpose="Membuka rekening kelompok dan menjadwalkan produksi uji coba.",
            objectives=[
                (
                    "Rekening kelompok dibuka dengan penanda tangan dari dua dusun",
                    "met",
                    "Rekening atas nama KUBE dibuka di bank unit kecamatan; penanda tangan Bu Wartini dan Pak Darsono.",
                ),
                (
                    "Kelompok membuat jadwal produksi uji coba",
                    "met",
                    "Produksi uji coba Sabtu dan Minggu; 20 kg singkong.",
                ),
            ],
            core="Membahas syarat rekening, penanda tangan, dan jadwal produksi uji coba",
            attendance={"A7": ("late", "menunggu hujan reda")},
            notes="Anggota dua dusun bergantian bicara. Pemilihan penanda tangan dari dua dusun diusulkan Bu Umi sendiri.",
        ),
        Meeting(
            theme="Evaluasi produksi pertama dan pemasaran",
            purpose="Menghitung hasil produksi pertama dan menyepakati pemasaran.",
            objectives=[
                (
                    "Kelompok menghitung hasil dan biaya produksi pertama",
                    "met",
                    "18 kg keripik, 140 bungkus; biaya per bungkus Rp3.200, harga jual Rp5.000.",
                ),
                (
                    "Kelompok menyepakati rencana pemasaran ke warung sekolah",
                    "met",
                    "Bu Painem dan Bu Sulastri mengantar ke dua SD; Pak Karyadi ke SMP.",
                ),
            ],
            core="Menghitung biaya dan hasil, mencicipi, membagi wilayah pemasaran",
            venue="Balai Dusun Sidomulyo",
            notes=(
                "Kelompok menjalankan rapat sendiri; Bu Umi memimpin agenda, fasilitator hanya memberi masukan soal izin "
                "PIRT. Bu Painem aktif menghitung biaya bahan. Pembagian dua dusun hampir tidak terlihat lagi."
            ),
        ),
    ],
    reviews=("reviewed", "reviewed", "reviewed", "reviewed", "submitted", "draft"),
)

PROBLEM = GroupSpec(
    folder="musyawarah-banjir-rw09",
    analysable=("gender", "usia", "rt", "tempat_tinggal"),
    name="Musyawarah Warga RW 09 Bantaran Kali: Banjir dan Sampah",
    type="problem_solving",
    secondary_types=("task",),
    purpose=(
        "Warga RT 02 (hulu) dan RT 04 (hilir) di bantaran kali menentukan bersama penyebab banjir tahunan, memilih "
        "langkah penanganan sampah, dan menyepakati rencana aksi sebelum puncak musim hujan."
    ),
    agency="Kelurahan Rawasari Hilir — pekerja sosial masyarakat (PSM) dan LPM",
    facilitators=["Teguh Santoso", "Rosmawar Nasution"],
    supervisor="Yanti Kusumawardhani, M.Kesos.",
    members=[
        p("B1", "Hotman Sihombing", "L", "41-59", 1.7, names_ok=True, rt="RT 02", tempat_tinggal="pemilik"),
        p("B2", "Sarinah", "P", "41-59", 1.1, rt="RT 02", tempat_tinggal="pemilik"),
        p("B3", "Mulyadi", "L", "60+", 1.2, names_ok=True, rt="RT 02", tempat_tinggal="pemilik"),
        p("B4", "Rosmiati", "P", "26-40", 1.0, rt="RT 02", tempat_tinggal="penyewa"),
        p("B5", "Muhammad Ilham", "L", "26-40", 1.5, rt="RT 04", tempat_tinggal="pemilik"),
        p("B6", "Darmi", "P", "41-59", 1.2, rt="RT 04", tempat_tinggal="pemilik"),
        p("B7", "Sukardi", "L", "41-59", 1.3, rt="RT 04", tempat_tinggal="pemilik"),
        p("B8", "Lina Marlina", "P", "18-25", 1.0, rt="RT 04", tempat_tinggal="penyewa"),
        p("B9", "Yusuf Effendi", "L", "60+", 0.9, rt="RT 04", tempat_tinggal="pemilik"),
    ],
    seating=["B1", "B3", "B2", "B4", "B8", "B6", "B9", "B7", "B5"],
    planned_sessions=5,
    frequency="mingguan (Minggu malam)",
    minutes=90,
    first_date=dt.date(2026, 1, 18),
    start=dt.time(19, 30),
    venue="Balai warga RW 09",
    agenda=[
        Block(
            "Pembukaan dan aturan bicara",
            10,
            "Mengingatkan tujuan, aturan bicara, dan cara mengambil keputusan",
            "penjelasan",
            1.0,
        ),
        Block(
            "Berbagi informasi",
            15,
            "Data dan pengalaman warga; informasi dari kelurahan",
            "paparan dan tanya jawab",
            1.0,
            "peta RW 09",
        ),
        Block("Curah gagasan", 20, "", "teknik kelompok nominal (metaplan)", 1.1, "kertas plano, metaplan"),
        Block(
            "Menilai pilihan",
            20,
            "Menilai gagasan dengan kriteria biaya, waktu, dan siapa terdampak",
            "matriks penilaian",
            1.1,
        ),
        Block(
            "Keputusan dan rencana tindak",
            20,
            "Musyawarah; bila buntu, suara terbanyak dengan catatan keberatan",
            "musyawarah",
            1.0,
            output="rencana aksi",
        ),
        Block("Penutup", 5, "Membacakan catatan keputusan dan keberatan", "rangkuman", 0.9),
    ],
    core_block=2,
    materials=[
        "peta RW 09 dari kelurahan",
        "kertas plano dan metaplan",
        "stiker untuk pemungutan suara",
        "foto genangan banjir 2025",
    ],
    risks=[
        ("Saling menyalahkan antar-RT", "Aturan bicara: 'saya' bukan 'kalian'; masalah dipisah dari orang"),
        (
            "Suara warga penyewa dan perempuan tidak terdengar",
            "Teknik kelompok nominal: semua menulis gagasan lebih dulu",
        ),
    ],
    evaluation="Keputusan dan alasannya tercatat; siapa yang tidak setuju dicatat bersama alasannya.",
    quiet="B8",  # Bu Lina, penyewa muda di hilir; rumahnya tiga kali kebanjiran
    quiet_first_min=0,
    split=(("B1", "B2", "B3", "B4"), ("B5", "B6", "B7", "B8", "B9")),
    split_story="hardens",
    facilitator_story="steady",
    coding="valence",
    story="Dua RT saling menyalahkan; tindak bicara lintas RT makin jarang dan keputusan diambil lewat suara 5–3 dengan RT 04 merasa kalah. Fasilitator tetap harus menengahi (porsinya tidak turun). Bu Lina, penyewa di hilir, mulai bersuara.",
    arc=Arc(
        acts=(84, 96, 120, 110, 104),
        fac=(0.45, 0.40, 0.44, 0.42, 0.40),
        quiet=(0.0, 0.0, 0.5, 0.75, 0.95),
        cross=(0.32, 0.26, 0.17, 0.12, 0.08),
        neg=(0.02, 0.04, 0.16, 0.08, 0.07),
        stage=("forming", "forming", "storming", "storming", "storming"),
    ),
    meetings=[
        Meeting(
            theme="Memetakan banjir",
            purpose="Memetakan kapan, di mana, dan seberapa parah banjir di RW 09, dan menyepakati cara bermusyawarah.",
            objectives=[
                (
                    "Warga menyusun peta titik genangan bersama",
                    "met",
                    "14 titik genangan ditandai; terparah di gang hilir RT 04.",
                ),
                (
                    "Warga menyepakati aturan musyawarah dan cara mengambil keputusan",
                    "met",
                    "Musyawarah dulu; bila buntu, suara terbanyak dengan catatan keberatan.",
                ),
            ],
            core="Menandai titik genangan di peta dan menceritakan banjir terakhir",
            blocks={
                3: "Mengurutkan titik genangan menurut parahnya",
                4: "Menyepakati aturan musyawarah dan pengambilan keputusan",
            },
            notes="Warga bersemangat; data dua RT saling melengkapi. Sudah terasa anggapan 'sampah datang dari hulu' dan 'tanggul hulu membuat air lari ke hilir'.",
        ),
        Meeting(
            theme="Mencari penyebab",
            purpose="Menyepakati penyebab banjir berdasarkan bukti: sampah, saluran, tanggul.",
            objectives=[
                (
                    "Minimal tiga penyebab disepakati dengan bukti",
                    "met",
                    "Sampah di pintu air, saluran tersumbat sedimen, tanggul darurat karung pasir di RT 02.",
                ),
                (
                    "Fasilitator membacakan informasi dari kelurahan dan warga mengajukan pertanyaan",
                    "met",
                    "Jadwal pengerukan dan anggaran kerja bakti dibacakan Bu Rosmawar.",
                ),
            ],
            core="Pohon masalah: dari genangan ke penyebab",
            attendance={"B9": ("excused", "sakit flu")},
            notes="Pohon masalah tersusun, tetapi setiap RT menekankan penyebab yang ada di RT lain. Perlu hati-hati di sesi curah gagasan.",
        ),
        Meeting(
            theme="Curah gagasan",
            purpose="Mengumpulkan sebanyak mungkin gagasan penanganan dari semua warga sebelum dinilai.",
            objectives=[
                ("Setiap warga menulis minimal satu gagasan", "met", "23 gagasan di metaplan dari sembilan warga."),
                (
                    "Warga menyusun kelompok gagasan tanpa saling menyalahkan",
                    "not_met",
                    "Pengelompokan tertunda karena perdebatan soal tanggul RT 02 dan pembuangan sampah di RT 04.",
                ),
            ],
            core="Menulis gagasan sendiri-sendiri, lalu membacakan dan mengelompokkan",
            live_notes=[
                (
                    2,
                    "Suara meninggi antara Pak Hotman dan Pak Ilham; fasilitator menghentikan curah gagasan lima menit.",
                    False,
                )
            ],
            pause="jeda karena ketegangan; warga minum kopi",
            notes=(
                "Sesi panas. Pak Hotman dan Pak Ilham saling menuding; warga bicara dalam kelompok RT masing-masing. "
                "Fasilitator menghentikan putaran dan mengingatkan aturan 'saya' bukan 'kalian'. Bu Lina untuk pertama "
                "kali bicara: ia menyewa di hilir dan rumahnya kebanjiran tiga kali."
            ),
            comment="Jeda dan pengingat aturan sudah tepat. Sociogram hampir tanpa tindak bicara lintas RT — coba kelompok kecil campuran.",
        ),
        Meeting(
            theme="Menilai pilihan",
            purpose="Menilai gagasan dengan kriteria yang sama dalam kelompok kecil campuran RT.",
            objectives=[
                (
                    "Lima pilihan dinilai dengan kriteria biaya, waktu, dan siapa terdampak",
                    "partly",
                    "Tiga pilihan dinilai; dua sisanya dinilai sepihak oleh RT 02.",
                ),
                (
                    "Kelompok kecil campuran RT menilai bersama",
                    "not_met",
                    "Warga pindah kembali ke kelompok RT masing-masing setelah sepuluh menit.",
                ),
            ],
            core="Kelompok kecil campuran RT menilai lima pilihan",
            attendance={"B2": ("absent", "tidak ada kabar")},
            notes="Kelompok campuran tidak bertahan. Jarak antar-RT makin terasa; RT 04 merasa pintu air hilir tidak pernah dibahas.",
            comment="Kelompok campuran gagal bukan karena teknik, tetapi karena rasa tidak adil. Pertimbangkan pertemuan terpisah dengan ketua RT sebelum keputusan.",
        ),
        Meeting(
            theme="Keputusan dan rencana aksi",
            purpose="Mengambil keputusan rencana aksi dan mencatat keberatan.",
            objectives=[
                (
                    "Warga memutuskan rencana aksi",
                    "met",
                    "Bank sampah di RT 02 dan kerja bakti bulanan diputuskan lewat suara 5–3.",
                ),
                (
                    "Notulis mencatat setiap keberatan beserta alasannya",
                    "met",
                    "Tiga warga RT 04 keberatan: pintu air hilir tidak dibahas; dicatat untuk disampaikan ke kelurahan.",
                ),
            ],
            core="Membacakan ulang pilihan yang tersisa sebelum keputusan",
            attendance={"B3": ("late", "selesai rapat pengurus masjid")},
            notes=(
                "Keputusan tercapai lewat suara, tetapi RT 04 merasa kalah. Jarak antar-RT lebih lebar dibanding sesi "
                "pertama. Diusulkan mediasi terpisah dengan ketua RT dan lurah sebelum kerja bakti pertama."
            ),
            follow_up="Mediasi ketua RT 02 dan RT 04 bersama lurah; keberatan soal pintu air disampaikan ke kelurahan.",
        ),
    ],
    reviews=("reviewed", "reviewed", "reviewed", "submitted", "draft"),
)

SELF_HELP = GroupSpec(
    folder="kds-pelangi-harapan",
    name="KDS Pelangi Harapan",
    type="self_help",
    purpose=(
        "Kelompok Dukungan Sebaya bagi orang dengan HIV (ODHA): saling menguatkan, berbagi pengalaman minum ARV, "
        "menghadapi stigma, dan menjaga rahasia satu sama lain. Dipimpin anggota; pendamping sebaya membantu di awal."
    ),
    agency="Yayasan Sebaya Nusantara — bekerja sama dengan layanan PDP Puskesmas",
    facilitators=["Andreas Manurung", "Dewi Anggraini"],
    supervisor="Maria Fransiska Lewar, M.Kesos.",
    members=[
        # Members are known by the nickname they chose (nama panggilan); no full name is kept,
        # and time since diagnosis is not recorded at all (data minimisation).
        p("P1", "Yos", "L", "26-40", 1.5, nicknames=("Bang Yos",)),
        p("P2", "Mamat", "L", "26-40", 1.2, nicknames=("Mas Mamat",)),
        p("P3", "Sri", "P", "41-59", 1.3, nicknames=("Bu Sri",)),
        p("P4", "Ain", "P", "18-25", 1.0, nicknames=("Dek Ain",)),
        p("P5", "Lina", "P", "26-40", 1.4, nicknames=("Kak Lina",)),
        p("P6", "Ferdi", "L", "18-25", 1.0, nicknames=("Bang Ferdi",)),
        p("P7", "Ayu", "P", "26-40", 1.0, nicknames=("Mbok Ayu",)),
        p("P8", "Ilham", "L", "26-40", 1.1, joined=3, nicknames=("Mas Ilham",)),
    ],
    seating=["P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8"],
    planned_sessions=8,
    frequency="mingguan (Rabu sore)",
    minutes=90,
    first_date=dt.date(2026, 1, 14),
    start=dt.time(16, 0),
    venue="Ruang pertemuan yayasan (pintu tertutup)",
    agenda=[
        Block("Sambutan dan pengingat kerahasiaan", 5, "Membacakan kesepakatan kelompok", "pembacaan bergiliran", 0.8),
        Block("Putaran kabar", 20, "Setiap anggota berbagi kabar minggu ini", "putaran", 1.1, round=True),
        Block("Berbagi cerita", 40, "", "berbagi pengalaman", 1.0),
        Block("Informasi dan rujukan", 15, "Info layanan, obat, dan hak pasien", "tanya jawab", 0.9, "leaflet layanan"),
        Block("Putaran penutup", 10, "Satu kata untuk minggu depan", "putaran", 1.1, round=True),
    ],
    core_block=2,
    materials=["air minum dan kudapan", "leaflet layanan PDP dan hotline", "kotak pertanyaan anonim"],
    risks=[
        (
            "Kebocoran status anggota di luar kelompok",
            "Kesepakatan kerahasiaan dibaca setiap awal sesi; tidak ada foto",
        ),
        ("Informasi pengobatan yang keliru", "Konselor meluruskan di blok informasi tanpa mempermalukan"),
        ("Pendamping mengambil alih kelompok", "Peran memimpin dialihkan bertahap ke anggota"),
    ],
    evaluation="Putaran penutup dan catatan kehadiran; kepatuhan ARV dilaporkan sukarela.",
    restate_confidentiality=True,
    quiet="P4",  # the youngest member, newest to the group
    story="Pendamping sebaya memimpin di awal lalu mundur; anggota membacakan kesepakatan, memimpin putaran, dan memilih koordinator sendiri. P4, anggota termuda, mulai berbagi dan menawarkan diri membantu.",
    population=("hiv",),
    analysable=("gender", "usia"),
    arc=Arc(
        acts=(70, 84, 96, 104, 112),
        fac=(0.45, 0.36, 0.28, 0.22, 0.17),
        quiet=(0.15, 0.3, 0.55, 0.85, 1.1),
        stage=("forming", "norming", "norming", "performing", "performing"),
    ),
    meetings=[
        Meeting(
            theme="Kesepakatan kelompok dan perkenalan",
            purpose="Menyepakati aturan dan kerahasiaan kelompok dan saling mengenal.",
            objectives=[
                (
                    "Setiap anggota menyampaikan persetujuan atas kesepakatan kerahasiaan yang dibacakan",
                    "met",
                    "Tujuh anggota menyatakan setuju secara lisan; batas kerahasiaan dijelaskan.",
                ),
                (
                    "Setiap anggota menyebut satu harapan dari kelompok",
                    "met",
                    "Harapan: teman senasib, info obat, berani cerita ke keluarga.",
                ),
            ],
            core="Perkenalan dengan nama panggilan dan harapan dari kelompok",
            notes="Anggota berhati-hati; banyak bertanya kepada pendamping. P4, anggota termuda, hanya bicara saat perkenalan.",
        ),
        Meeting(
            theme="Cerita awal mengetahui status",
            purpose="Memberi ruang bagi anggota yang bersedia menceritakan saat pertama mengetahui status.",
            objectives=[
                (
                    "Anggota yang bersedia menceritakan pengalaman awal tahu status",
                    "met",
                    "Lima anggota bercerita; satu memilih mendengarkan.",
                ),
                (
                    "Anggota memberi tanggapan kepada pencerita tanpa menghakimi",
                    "met",
                    "Tanggapan empatik antaranggota tercatat; tidak ada nasihat menggurui.",
                ),
            ],
            core="Berbagi cerita: saat pertama tahu status dan siapa yang pertama diberi tahu",
            attendance={
                "P6": ("absent", "tidak ada kabar; pendamping menghubungi lewat cara kontak aman yang ia pilih")
            },
            notes="Cerita seorang anggota lama tentang bertahun-tahun menjalani pengobatan memberi harapan bagi anggota baru. P6 tidak hadir tanpa kabar.",
        ),
        Meeting(
            theme="Kepatuhan minum ARV",
            purpose="Berbagi cara menjaga kepatuhan minum ARV, dan menyambut anggota baru.",
            objectives=[
                (
                    "Setiap anggota membagikan satu cara mengingat minum obat",
                    "met",
                    "Alarm HP, kotak obat harian, pengingat dari pasangan.",
                ),
                (
                    "Anggota baru mendengar kesepakatan kelompok dibacakan dan menyampaikan persetujuannya",
                    "met",
                    "Kesepakatan dibacakan ulang oleh P1; anggota baru (P8) menyetujui.",
                ),
            ],
            core="Berbagi kiat minum obat tepat waktu dan efek samping yang pernah dialami",
            notes=(
                "P1 membacakan kesepakatan untuk anggota baru — pertama kalinya anggota memimpin bagian sesi. "
                "P4 berbagi satu kiat dan ditanggapi tiga anggota."
            ),
            comment="Bagus kesepakatan diulang saat ada anggota baru, dan dibacakan oleh anggota sendiri.",
        ),
        Meeting(
            theme="Menghadapi stigma di keluarga dan tempat kerja",
            purpose="Berbagi pengalaman stigma dan cara menghadapinya, serta mengenal layanan bantuan.",
            objectives=[
                (
                    "Anggota menyebut satu situasi stigma dan satu cara menghadapinya",
                    "met",
                    "Tujuh situasi dibagikan; cara yang muncul: memilih kepada siapa membuka status, membawa teman ke layanan.",
                ),
                (
                    "Anggota tahu ke mana merujuk bila mengalami diskriminasi",
                    "met",
                    "Leaflet layanan bantuan hukum dibagikan dan dijelaskan.",
                ),
            ],
            core="Berbagi cerita stigma di keluarga dan tempat kerja",
            attendance={"P2": ("excused", "jadwal ambil obat bentrok")},
            live_notes=[
                (
                    4,
                    "Satu anggota tampak perlu tindak lanjut pribadi terkait pengobatan dan suasana hatinya. Akan diajak bicara empat mata seusai sesi dan diteruskan ke konselor; rincian di catatan supervisi, bukan di log kelompok.",
                    True,
                )
            ],
            notes="Sesi emosional; beberapa anggota menangis saat bercerita tentang keluarga. Satu anggota perlu tindak lanjut pribadi (lihat catatan keselamatan; sudah dibahas dengan supervisor).",
            comment="Terima kasih sudah segera menindaklanjuti catatan keselamatan. Pastikan tindak lanjut konselor tercatat di berkas kasus, bukan di log kelompok.",
        ),
        Meeting(
            theme="Anggota merencanakan kegiatan sendiri",
            purpose="Mengalihkan kepemimpinan kelompok kepada anggota.",
            objectives=[
                ("Anggota memilih koordinator bergilir", "met", "P5 dan P1 koordinator dua bulan pertama."),
                (
                    "Kelompok menyusun tiga kegiatan bulan depan",
                    "met",
                    "Arisan kecil, kelas tanya dokter, kunjungan ke anggota yang sakit.",
                ),
            ],
            core="Musyawarah anggota: koordinator bergilir dan kegiatan bulan depan",
            notes="Anggota memimpin hampir seluruh sesi; pendamping hanya menambah info layanan. P4 menawarkan diri membantu koordinator.",
        ),
    ],
    reviews=("reviewed", "reviewed", "reviewed", "submitted", "draft"),
)

SOCIALIZATION = GroupSpec(
    folder="remaja-lksa-tunas-bangsa",
    name="Kelompok Keterampilan Sosial Remaja LKSA Tunas Bangsa",
    type="socialization",
    purpose=(
        "Remaja putra di LKSA yang sering terlibat perkelahian dan membolos berlatih keterampilan sosial: "
        "mengelola marah, menolak ajakan negatif, dan bekerja sama."
    ),
    agency="LKSA Tunas Bangsa — pekerja sosial Sakti Peksos",
    facilitators=["Yoga Aditya", "Maya Puspitasari"],
    supervisor="Bonifasius Nahak, M.Kesos.",
    members=[
        p("R1", "Dimas Saputra", "L", "16-17", 1.6, sekolah="SMK", minor=True, mandated=True),
        p("R2", "Rian Hidayat", "L", "13-15", 1.3, sekolah="SMP", minor=True, mandated=True),
        p("R3", "Andika Pratama Lubis", "L", "16-17", 1.4, sekolah="SMK", minor=True, mandated=True),
        p("R4", "Bayu Setiawan", "L", "13-15", 1.1, sekolah="SMP", minor=True, mandated=True),
        p("R5", "Yosua Lende", "L", "13-15", 1.0, sekolah="SMP", minor=True, mandated=True),
        p("R6", "Fikri Nasution", "L", "16-17", 1.2, sekolah="putus sekolah", minor=True, mandated=True),
        p("R7", "Ilham Ramadhan", "L", "13-15", 1.0, sekolah="SMP", minor=True, mandated=True),
    ],
    seating=["R1", "R3", "R6", "R2", "R4", "R7", "R5"],
    planned_sessions=6,
    frequency="mingguan (Senin sore)",
    minutes=60,
    first_date=dt.date(2026, 1, 12),
    start=dt.time(16, 0),
    venue="Aula LKSA Tunas Bangsa",
    agenda=[
        Block("Cek-in", 5, "Skala suasana hati 1–5", "putaran", 1.0, round=True),
        Block("Pengingat aturan", 5, "Membacakan aturan kelompok", "pembacaan bergiliran", 0.8, "poster aturan"),
        Block("Kegiatan keterampilan", 25, "", "permainan dan bermain peran", 1.0),
        Block("Pembahasan", 15, "Apa yang tadi kita latih? Kapan dipakai?", "diskusi", 1.2),
        Block("Penutup dan pujian", 8, "Pujian spesifik dan poin", "putaran", 1.1, "papan poin", round=True),
    ],
    core_block=2,
    materials=["poster aturan kelompok", "bola dan tali untuk permainan", "kartu situasi bermain peran", "papan poin"],
    risks=[
        ("Ejekan berubah menjadi perkelahian", "Dua fasilitator; aturan 'stop' dan jeda menenangkan diri"),
        (
            "Perilaku nakal saling diperkuat antarteman",
            "Pujian untuk perilaku prososial; cerita kenakalan tidak dibanggakan",
        ),
        ("Remaja merasa dipaksa ikut", "Kontrak sukarela; boleh diam di putaran"),
    ],
    evaluation="Papan poin perilaku prososial dan catatan pengasuh tentang perkelahian selama seminggu.",
    quiet="R5",  # Yosua, dari Sumba, baru tiga bulan di LKSA
    quiet_first_min=0,
    population=("children", "mandated"),
    analysable=("usia", "sekolah"),
    guardian=("Theresia Bunga, kepala LKSA Tunas Bangsa", "lksa_head"),
    safety_follow_up={
        2: (
            "lksa_head",
            "",
            "Kepala LKSA melapor ke Dinas Sosial dan Unit PPA Polres pada hari Minggu; R7 kembali ke asrama Selasa, didampingi pekerja sosial. Asesmen keselamatan anak dicatat di berkas kasus.",
        )
    },
    coding="valence",
    story="Remaja menguji fasilitator dan saling mengejek di sesi 2 (banyak tindak negatif); aturan 'stop' berhasil, bermain peran dan proyek rak sepatu membuat mereka bekerja sama. Yosua, paling baru, akhirnya memimpin putaran pujian.",
    arc=Arc(
        acts=(66, 92, 88, 96, 100),
        fac=(0.58, 0.50, 0.40, 0.32, 0.26),
        quiet=(0.12, 0.22, 0.45, 0.7, 0.95),
        neg=(0.04, 0.18, 0.08, 0.04, 0.02),
        stage=("forming", "storming", "norming", "norming", "performing"),
    ),
    meetings=[
        Meeting(
            theme="Aturan kelompok dan pemanasan saling kenal",
            purpose="Menyusun aturan kelompok bersama remaja dan mulai saling mengenal dengan aman.",
            objectives=[
                (
                    "Remaja menyusun aturan kelompok sendiri",
                    "met",
                    "Lima aturan ditulis remaja sendiri, termasuk 'tidak mengejek keluarga'.",
                ),
                (
                    "Setiap remaja ikut pemanasan lempar bola nama",
                    "partly",
                    "Enam ikut; Yosua hanya menonton di putaran pertama.",
                ),
            ],
            # A low-risk warm-up: no touching, no falling, anyone may pass (no trust fall in session 1).
            core="Pemanasan lempar bola nama (boleh lewat) dan menyusun aturan kelompok",
            materials=("formulir persetujuan wali (kepala LKSA) untuk pencatatan",),
            notes="Remaja menguji fasilitator dengan candaan. Dimas dan Andika memimpin suasana. Yosua (dari Sumba, baru tiga bulan di LKSA) diam dan duduk dekat pintu.",
        ),
        Meeting(
            theme="Mengenali tanda-tanda marah",
            purpose="Mengenali tanda tubuh saat marah dan berlatih satu cara menenangkan diri.",
            objectives=[
                (
                    "Setiap remaja menyebut satu tanda tubuh saat marah",
                    "partly",
                    "Empat menyebut; dua menolak dan bercanda.",
                ),
                (
                    "Remaja mempraktikkan teknik tarik napas 4-4",
                    "met",
                    "Semua yang hadir mempraktikkan dua kali, dipimpin Bu Maya.",
                ),
            ],
            core="Kartu situasi pemicu marah dan latihan napas 4-4",
            attendance={"R7": ("absent", "tidak kembali ke asrama sejak Sabtu; sudah dilaporkan pengasuh dan dicari")},
            safety_absences=("R7",),
            live_notes=[
                (
                    2,
                    "Dimas dan Fikri saling dorong; aturan stop dipakai, keduanya jeda tiga menit di luar lingkaran lalu kembali.",
                    False,
                )
            ],
            notes="Ejekan soal keluarga memicu ketegangan antara Dimas dan Fikri; aturan 'stop' dipakai pertama kali dan berhasil. Banyak tindakan negatif di paruh pertama.",
            comment="Aturan stop bekerja — catat juga bagaimana keduanya kembali ke lingkaran. Ketidakhadiran R7 sudah ditandai keselamatan dan dilaporkan ke kepala LKSA; lampirkan laporan pengasuh di berkas anak, bukan di log kelompok.",
        ),
        Meeting(
            theme="Menolak ajakan negatif",
            purpose="Berlatih cara menolak ajakan bolos, merokok, dan tawuran.",
            objectives=[
                (
                    "Setiap remaja memerankan satu cara menolak ajakan",
                    "met",
                    "Tujuh peran dimainkan; Yosua memerankan 'menolak sambil bercanda'.",
                ),
                (
                    "Remaja memberi umpan balik kepada pemeran",
                    "met",
                    "Umpan balik antarremaja tercatat di hampir setiap peran.",
                ),
            ],
            core="Bermain peran: diajak bolos, diajak merokok, diajak tawuran",
            notes="R7 kembali ke asrama hari Selasa dan ikut sesi. Bermain peran disukai; remaja saling memberi saran cara menolak.",
        ),
        Meeting(
            theme="Proyek kerja sama: rak sepatu asrama",
            purpose="Bekerja sama dalam tim untuk membuat sesuatu yang berguna bagi asrama.",
            objectives=[
                (
                    "Remaja menetapkan pembagian tugas tanpa diatur fasilitator",
                    "met",
                    "Andika mengukur, Yosua dan Bayu menggergaji, Dimas memaku; dibagi sendiri.",
                ),
                ("Kelompok menyelesaikan perakitan rak sepatu", "partly", "Rangka selesai; pengecatan minggu depan."),
            ],
            core="Merakit rak sepatu dari kayu bekas dalam tim",
            attendance={"R3": ("late", "piket dapur")},
            notes="Remaja bekerja sama dengan sedikit arahan. Dimas menegur teman dengan kata-kata, bukan dorongan.",
        ),
        Meeting(
            theme="Umpan balik dan penghargaan",
            purpose="Saling memberi umpan balik dan menilai kemajuan sendiri.",
            objectives=[
                (
                    "Setiap remaja memberi pujian spesifik kepada dua teman",
                    "met",
                    "Empat belas pujian; semua menyebut perilaku, bukan sifat.",
                ),
                (
                    "Remaja menilai kemajuan sendiri dengan skala 1–5",
                    "met",
                    "Rata-rata naik dari 2 ke 4 untuk 'bisa menahan marah'.",
                ),
            ],
            core="Mengecat rak sepatu sambil putaran pujian",
            notes="Yosua memimpin putaran pujian. Catatan pengasuh: tidak ada perkelahian dua minggu terakhir.",
        ),
    ],
    reviews=("reviewed", "reviewed", "reviewed", "submitted", "draft"),
)

THERAPY = GroupSpec(
    folder="ruang-pulih-perempuan",
    analysable=("usia",),
    population=("violence_survivors",),
    safety_follow_up={
        4: (
            "uptd_ppa",
            "",
            "Manajer kasus UPTD PPA menilai ulang keselamatan bersama anggota dua hari kemudian; rencana keselamatan diperbarui di berkas kasus.",
        )
    },
    name="Ruang Pulih — Kelompok Terapi Perempuan Penyintas KDRT",
    type="therapy",
    purpose=(
        "Kelompok terapi tertutup bagi perempuan penyintas kekerasan dalam rumah tangga yang telah diasesmen UPTD "
        "PPA: memulihkan rasa aman, mengenali dan mengelola reaksi trauma, serta membangun dukungan dan rencana "
        "keselamatan."
    ),
    agency="UPTD Perlindungan Perempuan dan Anak (PPA) Kota",
    facilitators=["Ratna Dewi Lestari, M.Psi., Psikolog", "Fitri Handayani, S.Tr.Sos."],
    professional_lead=True,
    supervisor="Lucia Hartini, M.Psi., Psikolog",
    members=[
        p("S1", "Yuliana Pardede", "P", "26-40", 1.3, anak="ya"),
        p("S2", "Ni Made Astiti", "P", "26-40", 1.1, anak="ya"),
        p("S3", "Sumarni", "P", "41-59", 1.4, anak="ya"),
        p("S4", "Andi Nurhayati", "P", "26-40", 1.2, anak="tidak"),
        p("S5", "Eka Wulandari", "P", "18-25", 1.0, anak="tidak"),
        p("S6", "Fatimah Azzahra", "P", "41-59", 1.0, anak="ya"),
        p("S7", "Herlina Tambunan", "P", "26-40", 1.1, anak="ya"),
    ],
    seating=["S1", "S2", "S3", "S4", "S5", "S6", "S7"],
    planned_sessions=8,
    frequency="mingguan (Kamis pagi)",
    minutes=90,
    first_date=dt.date(2026, 1, 15),
    start=dt.time(10, 0),
    venue="Ruang konseling kelompok UPTD PPA",
    agenda=[
        Block("Check-in", 15, "Putaran rasa aman (skala 0–10) dan kabar singkat", "putaran", 1.0, round=True),
        Block("Tema dan proses", 55, "", "psikoedukasi singkat dan proses kelompok", 1.0),
        Block("Integrasi", 10, "Apa yang saya bawa pulang", "refleksi", 1.1),
        Block("Check-out dan grounding", 10, "Latihan grounding 5-4-3-2-1 dan cek keamanan", "latihan bersama", 0.8),
    ],
    core_block=1,
    materials=["tisu dan air minum", "kartu emosi", "lembar rencana keselamatan", "daftar kontak darurat UPTD"],
    risks=[
        ("Retraumatisasi saat bercerita", "Cerita sukarela, tanpa rincian kekerasan; grounding tersedia kapan saja"),
        (
            "Pengungkapan risiko bahaya atau menyakiti diri",
            "Protokol krisis: bicara empat mata, asesmen risiko, lapor supervisor di hari yang sama",
        ),
        ("Anggota bertemu pelaku di perjalanan", "Jadwal pulang bergiliran; kontak darurat di setiap kartu"),
    ],
    evaluation="Skala rasa aman (0–10) di check-in dan check-out; catatan co-fasilitator.",
    restate_confidentiality=True,
    quiet="S5",  # Eka, termuda; "boleh saya dengar dulu"
    story="Anggota mula-mula hanya bicara kepada psikolog; sejak sesi 3 mereka saling menanggapi (helper-therapy). Eka yang semula hanya mendengar akhirnya memberi umpan balik kepada tiga anggota.",
    arc=Arc(
        acts=(62, 74, 86, 92, 100),
        fac=(0.60, 0.50, 0.40, 0.33, 0.27),
        quiet=(0.12, 0.25, 0.45, 0.75, 1.0),
        stage=("forming", "forming", "norming", "norming", "performing"),
    ),
    meetings=[
        Meeting(
            theme="Rasa aman dan kesepakatan",
            purpose="Membangun rasa aman dan menyepakati kerahasiaan beserta batasnya.",
            objectives=[
                (
                    "Setiap anggota menjelaskan dengan kata sendiri satu batas kerahasiaan",
                    "met",
                    "Tujuh anggota mengulang satu batas kerahasiaan dengan kata sendiri.",
                ),
                (
                    "Setiap anggota menyebut satu hal yang membuatnya merasa aman",
                    "met",
                    "Disebut: pintu tertutup, tidak ada laki-laki di ruangan, boleh diam.",
                ),
            ],
            core="Psikoedukasi: apa itu kelompok terapi; menyusun kesepakatan kelompok",
            notes="Anggota tegang di awal; skala rasa aman rata-rata 4. Hampir semua bicara kepada terapis. Eka hanya menyebut nama dan 'boleh saya dengar dulu'.",
        ),
        Meeting(
            theme="Reaksi tubuh dan grounding",
            purpose="Mengenali reaksi tubuh saat teringat kejadian dan berlatih teknik grounding.",
            objectives=[
                (
                    "Setiap anggota mengenali satu reaksi tubuhnya saat teringat kejadian",
                    "met",
                    "Disebut: jantung berdebar, tangan dingin, sulit bernapas, ingin lari.",
                ),
                ("Anggota berlatih dua teknik grounding", "met", "Napas kotak dan 5-4-3-2-1 dilatih bersama dua kali."),
            ],
            core="Psikoedukasi reaksi trauma; latihan napas kotak dan 5-4-3-2-1",
            attendance={"S6": ("excused", "urusan keluarga yang tidak dapat ditunda")},
            notes="Latihan grounding membuat suasana lebih tenang. Anggota mulai saling melirik dan mengangguk ketika ada yang bercerita.",
        ),
        Meeting(
            theme="Rasa bersalah dan menyalahkan diri",
            purpose="Memberi ruang untuk pikiran menyalahkan diri dan menanggapinya bersama.",
            objectives=[
                (
                    "Anggota yang bersedia menceritakan pikiran menyalahkan diri",
                    "met",
                    "Empat anggota berbagi; tiga memilih mendengar.",
                ),
                (
                    "Anggota menanggapi satu sama lain dengan kalimat mendukung",
                    "met",
                    "Tanggapan antaranggota mulai lebih banyak daripada tanggapan kepada terapis.",
                ),
            ],
            core="Proses kelompok: pikiran 'ini salah saya' dan suara yang lebih adil untuk diri sendiri",
            notes=(
                "Titik balik: anggota mulai saling menanggapi. Eka menangis saat Bu Sumarni bercerita, lalu berkata "
                "'saya juga begitu' — ucapan pertamanya kepada anggota lain."
            ),
            comment="Sesi yang dalam dan ditangani dengan aman. Catat debrief co-fasilitator setelah sesi seberat ini.",
        ),
        Meeting(
            theme="Batasan dan rencana keselamatan",
            purpose="Berlatih menetapkan batas dan memperbarui rencana keselamatan pribadi.",
            objectives=[
                (
                    "Setiap anggota mengisi ulang rencana keselamatan pribadinya",
                    "met",
                    "Tujuh lembar rencana keselamatan diperbarui dan disimpan di UPTD.",
                ),
                (
                    "Anggota mempraktikkan kalimat menetapkan batas",
                    "partly",
                    "Lima anggota berlatih; dua belum siap dan memilih mengamati.",
                ),
            ],
            core="Latihan kalimat menetapkan batas berpasangan; memperbarui rencana keselamatan",
            live_notes=[
                (
                    3,
                    "Satu anggota menyampaikan situasi di rumah yang perlu dinilai ulang. Psikolog memperbarui rencana keselamatannya bersama anggota seusai sesi; manajer kasus UPTD diberi tahu hari ini.",
                    True,
                )
            ],
            notes="Latihan batas berjalan baik. Satu anggota perlu penilaian ulang keselamatan (lihat catatan keselamatan; ditangani sesuai protokol).",
            comment="Penanganan catatan keselamatan sesuai protokol. Pastikan debrief co-fasilitator dan tindak lanjut manajer kasus tercatat di berkas kasus.",
        ),
        Meeting(
            theme="Kekuatan diri dan dukungan sesama",
            purpose="Menemukan kekuatan diri lewat mata anggota lain dan memperkuat jejaring dukungan.",
            objectives=[
                (
                    "Setiap anggota menyebut satu kekuatan yang dilihat anggota lain pada dirinya",
                    "met",
                    "Setiap anggota menerima minimal dua umpan balik kekuatan.",
                ),
                ("Rata-rata skala rasa aman di check-out ≥ 7", "met", "Rata-rata 7,4 (sesi 1: 5,1)."),
            ],
            core="Putaran 'kekuatan yang saya lihat pada kamu'",
            attendance={"S2": ("late", "mengantar anak ke sekolah")},
            notes="Anggota saling menguatkan; terapis lebih banyak diam dan merangkum. Eka memberi umpan balik kepada tiga anggota.",
        ),
    ],
    reviews=("reviewed", "reviewed", "reviewed", "reviewed", "submitted"),
)

SENSITIVITY = GroupSpec(
    folder="kepekaan-pendamping-baru",
    analysable=("gender", "usia", "latar"),
    name="Kelompok Kepekaan Pendamping Baru Angkatan 2026",
    type="sensitivity",
    secondary_types=("education",),
    purpose=(
        "Pendamping sosial baru berlatih kesadaran diri dan kepekaan antarpribadi lewat umpan balik di sini-dan-kini, "
        "sebagai bagian dari pelatihan dasar pendamping. Partisipasi dan pengungkapan diri sukarela."
    ),
    agency="Balai Pelatihan Kesejahteraan Sosial Regional",
    facilitators=["Margaretha Simatupang, M.Si.", "Irfan Syahputra"],
    professional_lead=True,
    supervisor="Handayani Purnamasari, Ph.D.",
    members=[
        p("N1", "Putu Eka Saputra", "L", "26-40", 1.3, asal="Bali", latar="pekerjaan sosial"),
        p("N2", "Rahmi Fitria", "P", "18-25", 1.5, asal="Sumatera Barat", latar="pekerjaan sosial"),
        p("N3", "Yohana Kewa", "P", "26-40", 1.0, asal="Nusa Tenggara Timur", latar="non-pekerjaan sosial"),
        p("N4", "Dedi Kurniadi", "L", "26-40", 1.6, asal="Jawa Barat", latar="non-pekerjaan sosial"),
        p("N5", "Sitti Rahmah", "P", "18-25", 1.0, asal="Sulawesi Selatan", latar="pekerjaan sosial"),
        p("N6", "Hendrik Silalahi", "L", "26-40", 1.4, asal="Sumatera Utara", latar="non-pekerjaan sosial"),
        p("N7", "Nurul Hikmah", "P", "18-25", 1.1, asal="Jawa Timur", latar="pekerjaan sosial"),
        p("N8", "Arif Setiawan", "L", "26-40", 1.2, asal="Jawa Tengah", latar="non-pekerjaan sosial"),
        p("N9", "Maria Goreti Bria", "P", "26-40", 0.9, asal="Nusa Tenggara Timur", latar="pekerjaan sosial"),
        p("N10", "Lukas Rumbiak", "L", "18-25", 0.9, asal="Papua", latar="non-pekerjaan sosial"),
    ],
    seating=["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9", "N10"],
    planned_sessions=6,
    frequency="mingguan (Sabtu pagi, selama pelatihan)",
    minutes=120,
    first_date=dt.date(2026, 1, 17),
    start=dt.time(8, 30),
    venue="Ruang diskusi 2, balai pelatihan",
    agenda=[
        Block(
            "Kontrak dan norma",
            15,
            "Mengingatkan hak melewatkan giliran dan kerahasiaan",
            "penjelasan dan putaran",
            0.9,
            round=True,
        ),
        Block("Latihan terstruktur", 30, "", "latihan berpasangan dan bertiga", 1.0),
        Block(
            "Umpan balik di sini-dan-kini",
            45,
            "Putaran umpan balik tentang apa yang terjadi di kelompok saat ini",
            "umpan balik terbuka",
            1.2,
            "lembar 'saya melihat – saya merasa – saya berharap'",
        ),
        Block("Debrief", 20, "Apa yang dipelajari tentang diri sebagai pendamping", "diskusi", 1.0),
        Block("Cek penutup", 10, "Skala beban emosi 0–10; tawaran bicara empat mata", "putaran", 0.9, round=True),
    ],
    core_block=1,
    materials=["kartu perasaan", "lembar umpan balik 'saya melihat – saya merasa – saya berharap'", "jam pasir"],
    risks=[
        (
            "Peserta tertekan secara emosional oleh umpan balik",
            "Hak melewatkan giliran; umpan balik dengan format 'saya'; cek penutup dan tawaran bicara empat mata",
        ),
        ("Fasilitator terlalu menekan", "Dua fasilitator saling mengamati; debrief fasilitator setelah sesi"),
        ("Isi sesi dipakai untuk menilai kelulusan", "Ditegaskan sejak awal: kelompok ini tidak dinilai"),
    ],
    evaluation="Skala beban emosi di cek penutup; jurnal refleksi peserta (tidak dikumpulkan).",
    restate_confidentiality=True,
    quiet="N5",  # Sitti, lulusan baru; "sulit masuk ke percakapan"
    coding="valence",
    story="Peserta sopan dan berpusat pada fasilitator; di sesi 3 dominasi dua peserta dibicarakan (banyak tindak negatif), lalu kelompok menjadi jujur dan hangat dan memandu umpan balik sendiri. Sitti yang sulit masuk ke percakapan mulai bicara sejak sesi 3.",
    arc=Arc(
        acts=(90, 110, 140, 130, 130),
        fac=(0.50, 0.40, 0.34, 0.26, 0.20),
        quiet=(0.1, 0.2, 0.4, 0.7, 0.95),
        neg=(0.02, 0.05, 0.14, 0.06, 0.03),
        stage=("forming", "forming", "storming", "norming", "performing"),
    ),
    meetings=[
        Meeting(
            theme="Kontrak dan kesan pertama",
            purpose="Menyepakati norma kelompok dan mulai memperhatikan kesan diri dalam kelompok.",
            objectives=[
                (
                    "Kelompok menyepakati norma, termasuk hak melewatkan giliran",
                    "met",
                    "Enam norma disepakati dan ditempel di dinding.",
                ),
                (
                    "Setiap peserta menyampaikan satu kesan tentang dirinya dalam kelompok",
                    "met",
                    "Sepuluh kesan; tiga peserta melewatkan giliran dulu lalu kembali.",
                ),
            ],
            core="Latihan berpasangan: 'yang terlihat dan yang tidak terlihat dari saya'",
            notes="Peserta sopan dan berhati-hati; banyak yang bicara kepada fasilitator. Dedi dan Rahmi cepat mengisi jeda. Sitti diam kecuali saat gilirannya.",
        ),
        Meeting(
            theme="Mendengar tanpa menilai",
            purpose="Berlatih mendengarkan dan memparafrasekan sebelum menanggapi.",
            objectives=[
                (
                    "Peserta mempraktikkan parafrase sebelum menanggapi",
                    "partly",
                    "Parafrase muncul di latihan bertiga, tetapi jarang di putaran umpan balik.",
                ),
                (
                    "Setiap peserta menerima umpan balik dari dua orang",
                    "met",
                    "Semua menerima; beberapa umpan balik masih berupa nasihat.",
                ),
            ],
            core="Latihan bertiga: pembicara, pendengar, pengamat",
            attendance={"N10": ("excused", "tugas lapangan kunjungan rumah KPM")},
            notes="Peserta menyadari betapa cepat mereka memberi nasihat. Umpan balik masih disampaikan lewat fasilitator.",
        ),
        Meeting(
            theme="Siapa yang mengisi ruang?",
            purpose="Membicarakan pola partisipasi di kelompok ini secara jujur dan aman.",
            objectives=[
                (
                    "Peserta menyampaikan pengamatan tentang pola dominasi di kelompok",
                    "met",
                    "Beberapa peserta menyebut bahwa dua orang mengisi hampir semua jeda.",
                ),
                (
                    "Peserta memberi umpan balik dengan format 'saya'",
                    "partly",
                    "Beberapa umpan balik berubah menjadi tuduhan; fasilitator meminta pengulangan dengan format 'saya'.",
                ),
            ],
            core="Latihan 'peta bicara': peserta menggambar siapa bicara kepada siapa di sesi lalu",
            live_notes=[
                (
                    2,
                    "Satu peserta meminta jeda; ditemani co-fasilitator di luar ruangan, kembali setelah enam menit.",
                    False,
                )
            ],
            pause="istirahat kopi",
            notes=(
                "Sesi paling sulit. Dedi merasa diserang dan membela diri; Rahmi menangis lalu meminta jeda. Beberapa "
                "tindakan negatif tercatat. Sitti untuk pertama kali menyampaikan bahwa ia sulit masuk ke percakapan — "
                "diterima dengan hangat. Cek penutup: dua peserta skala beban 7; fasilitator bicara empat mata dengan keduanya."
            ),
            comment="Penanganan sesi berat sudah hati-hati. Dua peserta dengan skala beban tinggi: pastikan kontak lanjutan sebelum sesi 4 dan catat di sini.",
        ),
        Meeting(
            theme="Kepekaan budaya dan bias",
            purpose="Mengenali bias pribadi terhadap kelompok dampingan dan terhadap sesama peserta.",
            objectives=[
                (
                    "Peserta menyebut satu bias pribadi terhadap kelompok dampingan",
                    "met",
                    "Sembilan bias disebut, antara lain tentang penerima bansos dan warga pendatang.",
                ),
                (
                    "Peserta memberi umpan balik lintas latar daerah",
                    "met",
                    "Umpan balik antara peserta dari NTT, Papua, Jawa, dan Sumatera tercatat.",
                ),
            ],
            core="Latihan 'garis budaya': berdiri sesuai pengalaman dianggap berbeda",
            notes=(
                "Setelah sesi 3 kelompok lebih jujur dan lebih hangat. Dedi meminta maaf dan meminta umpan balik. Peserta "
                "dari NTT dan Papua berbagi pengalaman dianggap 'berbeda'; kelompok mendengar dengan serius."
            ),
        ),
        Meeting(
            theme="Umpan balik akhir dan rencana pengembangan diri",
            purpose="Merangkum pembelajaran dan menyusun rencana pengembangan diri sebagai pendamping.",
            objectives=[
                (
                    "Setiap peserta menulis satu rencana pengembangan diri",
                    "met",
                    "Sepuluh rencana; dibagikan secara sukarela, delapan dibacakan.",
                ),
                (
                    "Peserta saling memberi umpan balik tanpa dipandu fasilitator",
                    "met",
                    "Putaran umpan balik berjalan 40 menit dipimpin peserta.",
                ),
            ],
            core="Menulis rencana pengembangan diri dan membacakannya berpasangan",
            attendance={"N6": ("late", "kereta terlambat")},
            notes="Peserta memimpin putaran umpan balik sendiri. Sitti memberi umpan balik kepada Dedi dan Rahmi dengan tenang dan jelas.",
        ),
    ],
    reviews=("reviewed", "reviewed", "reviewed", "submitted", "draft"),
)

GROUPS: tuple[GroupSpec, ...] = (
    SOCIAL,
    RECREATION,
    SKILL,
    EDUCATION,
    TASK,
    PROBLEM,
    SELF_HELP,
    SOCIALIZATION,
    THERAPY,
    SENSITIVITY,
)

STORIES: dict[str, dict[str, object]] = {g.folder: g.story_card() for g in GROUPS}
"""What each group's data must show: its quiet member, the facilitator's share over the series
(`falling` or `steady`), and whether a split `heals` or `hardens` (None: no split) with the two
subgroups. tests/unit/test_samples.py checks these against the generated sessions."""

# ── generation ────────────────────────────────────────────────────────────────────────────────


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    """A key drawn by weight (keys in a stable order)."""
    keys = [k for k, w in weights.items() if w > 0]
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _spread(total: int, weights: list[float]) -> list[int]:
    """Split `total` into integer parts proportional to weights (largest remainder), each ≥ 1."""
    raw = [total * w / sum(weights) for w in weights]
    parts = [max(1, math.floor(r)) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - math.floor(raw[i]), reverse=True)
    i = 0
    while sum(parts) < total:
        parts[order[i % len(order)]] += 1
        i += 1
    while sum(parts) > total:
        j = max(range(len(parts)), key=lambda k: parts[k])
        parts[j] -= 1
    return parts


def _add_minutes(start: dt.time, seconds: float) -> dt.time:
    moment = dt.datetime.combine(dt.date(2026, 1, 1), start) + dt.timedelta(seconds=seconds)
    return moment.time().replace(second=0, microsecond=0)


def _stage_of_plan(spec: GroupSpec, number: int) -> str:
    """The practice stage by the calendar, as planning.stage_for reckons it: the first and the
    last sixth of the planned series (at least one session each) are beginning and ending."""
    edge = max(1, spec.planned_sessions // 6)
    if number <= edge:
        return "beginning"
    return "ending" if number > spec.planned_sessions - edge else "middle"


def _ethics(spec: GroupSpec, number: int) -> list[str]:
    """The ethics items the facilitator ticked: recording consent always; the confidentiality
    agreement and its limits at the beginning and when someone joins (the agreement restated every
    session where the agenda says so); voluntary participation at the beginning, and with the right
    to pass every session, where members disclose personal matters."""
    stage = _stage_of_plan(spec, number)
    ticked = {"recording_consent"}
    if stage == "beginning" or any(m.joined == number for m in spec.members):
        ticked |= {"confidentiality_agreement", "confidentiality_limits"}
    elif spec.restate_confidentiality:
        ticked.add("confidentiality_agreement")
    if stage == "beginning" or spec.type in DISCLOSURE_TYPES:
        ticked.add("voluntary_participation")
    if spec.type in DISCLOSURE_TYPES:
        ticked.add("right_to_pass")
    return [item for item in ETHICS_ITEMS if item in ticked]


def _top_roles(mix: dict[str, int], n: int) -> list[str]:
    return [r for r, _ in sorted(mix.items(), key=lambda kv: -kv[1])[:n]]


def _role_mix(spec: GroupSpec, stage: str) -> dict[str, int]:
    mix = dict(ROLE_MIX[stage])
    for role, extra in spec.role_bias.items():
        mix[role] = mix.get(role, 0) + extra
    return mix


def build_plan(spec: GroupSpec, number: int, meeting: Meeting, stage: str) -> SessionPlan:
    """The plan of one session, with objectives already evaluated."""
    mix = _role_mix(spec, stage)
    top = _top_roles(mix, 3)
    blocks = []
    last = len(spec.agenda) - 1
    for index, block in enumerate(spec.agenda):
        activity = meeting.core if index == spec.core_block else meeting.blocks.get(index, block.activity)
        if index == 0:
            roles = ["teknisi_prosedural"] if stage in ("forming", "storming") else [top[0]]
        elif index == spec.core_block:
            roles = top[:2]
        elif index == last:
            roles = ["evaluator"] if stage in ("performing", "adjourning") else ["pemberi_semangat"]
        else:
            roles = [top[1 + index % 2]]
        blocks.append(
            AgendaBlock(
                title=block.title,
                minutes=block.minutes,
                activity=activity,
                method=block.method,
                roles=list(dict.fromkeys(roles)),
                materials=block.materials,
                output=block.output,
            )
        )
    ethics = _ethics(spec, number)
    next_date = spec.first_date + dt.timedelta(days=spec.interval_days * number)
    return SessionPlan(
        purpose=meeting.purpose,
        objectives=[Objective(text=t, result=r, evidence=e) for t, r, e in meeting.objectives],
        stage=_stage_of_plan(spec, number),
        minutes=spec.minutes,
        venue=meeting.venue or spec.venue,
        agenda=blocks,
        planned_roles=top,
        materials=spec.materials + list(meeting.materials),
        ethics=list(ethics),
        risks=[Risk(risk=r, mitigation=m) for r, m in spec.risks + meeting.risks],
        evaluation=spec.evaluation,
        follow_up=meeting.follow_up or f"Pertemuan berikutnya {next_date:%d-%m-%Y}: {spec.frequency}.",
    )


@dataclass
class _Act:
    at: float
    block: int
    from_: str = ""
    to: str = ""
    role: str | None = None
    valence: str | None = None


def _generate_acts(
    spec: GroupSpec,
    i: int,
    rng: random.Random,
    present_at: Callable[[float], list[str]],
    starts: list[float],
    ends: list[float],
) -> list[_Act]:
    """Speaking acts of session i (0-based) following the arc's parameters."""
    arc = spec.arc
    stage = arc.stage[i]
    n = arc.acts[i]
    quiet_mult = arc.quiet[i]
    cross = arc.cross[i] if arc.cross else None
    neg = arc.neg[i] if arc.neg else 0.0
    talk = {m.code: m.talk * (quiet_mult if m.code == spec.quiet else 1.0) for m in spec.members}
    silent = {spec.quiet} if quiet_mult == 0 else set()
    pull = {
        m.code: math.sqrt(m.talk) * (math.sqrt(max(quiet_mult, 0.3)) if m.code == spec.quiet else 1.0)
        for m in spec.members
    }
    gate = {m.code: pull[m.code] * ((0.6 + quiet_mult) if m.code == spec.quiet else 1.0) for m in spec.members}
    side: dict[str, int] = {}
    if spec.split:
        for k, codes in enumerate(spec.split):
            for code in codes:
                side[code] = k
    mix = _role_mix(spec, stage)

    # When: acts per block by length × talk density, uniform within the block, at least 2 s apart.
    weights = [(ends[b] - starts[b]) * spec.agenda[b].density for b in range(len(starts))]
    per_block = _spread(n, weights)
    acts: list[_Act] = []
    for b, count in enumerate(per_block):
        lo, hi = starts[b] + 8.0, ends[b] - 4.0
        times = sorted(rng.uniform(lo, hi) for _ in range(count))
        for t in times:
            at = max(t, acts[-1].at + 2.0) if acts else t
            acts.append(_Act(at=round(at, 1), block=b))

    # Who: exactly round(n × fac) facilitator acts; the first act of every block is one of them.
    firsts = {next(k for k, a in enumerate(acts) if a.block == b) for b in range(len(per_block))}
    n_fac = round(n * arc.fac[i])
    # Members hold the floor in rounds, so the facilitator's other acts fall there less often
    # (weighted sampling without replacement: the largest random()**(1/w) keys win).
    rest = [k for k in range(len(acts)) if k not in firsts]
    keys = {k: rng.random() ** (1 / (0.3 if spec.agenda[acts[k].block].round else 1.0)) for k in rest}
    fac_slots = firsts | set(sorted(rest, key=lambda k: keys[k], reverse=True)[: max(0, n_fac - len(firsts))])

    prev: _Act | None = None
    spoken_in_round: set[str] = set()
    round_block = -1
    for k, act in enumerate(acts):
        here = present_at(act.at)
        if act.block != round_block:
            round_block, spoken_in_round = act.block, set()
            seat0 = rng.randrange(len(spec.seating))
            circle = spec.seating[seat0:] + spec.seating[:seat0]
            if spec.agenda[act.block].round and spec.quiet in circle and rng.random() < 0.6 - quiet_mult:
                circle.remove(spec.quiet)  # the quiet member uses the right to pass
        in_round = (
            [c for c in circle if c in here and c not in spoken_in_round and c not in silent]
            if spec.agenda[act.block].round
            else []
        )
        if k in fac_slots:
            act.from_ = FACILITATOR
            if prev and prev.to == FACILITATOR and prev.from_ in here and rng.random() < 0.55:
                act.to = prev.from_
            elif rng.random() < FAC_TO_GROUP[stage]:
                act.to = GROUP
            else:
                act.to = _pick(rng, {c: gate[c] for c in here})
            if rng.random() < P_ROLE_TAGGED:
                if act.block == 0 and stage in ("forming", "storming"):
                    act.role = _pick(rng, {"teknisi_prosedural": 3, "instruktur": 2})
                else:
                    act.role = _pick(rng, dict(mix))
        elif in_round:
            act.from_ = in_round[0]
            spoken_in_round.add(act.from_)
            act.to = GROUP if rng.random() < 0.6 else FACILITATOR
        else:
            addressed = prev.to if prev and prev.to in here and prev.to not in silent else None
            if addressed and rng.random() < P_ANSWER:
                speaker = addressed
            else:
                choice = {c: talk[c] * (0.35 if prev and c == prev.from_ else 1.0) for c in here if c not in silent}
                speaker = _pick(rng, choice)
            act.from_ = speaker
            spoken_in_round.add(speaker)
            others = [c for c in here if c != speaker]
            if (
                prev
                and prev.to == speaker
                and (prev.from_ in here or prev.from_ == FACILITATOR)
                and rng.random() < P_REPLY_TO_SPEAKER
            ):
                act.to = prev.from_
            else:
                r = rng.random()
                p_fac = 0.1 + 0.7 * arc.fac[i]
                if r < p_fac or not others:
                    act.to = FACILITATOR
                elif r < p_fac + MEMBER_TO_GROUP[stage]:
                    act.to = GROUP
                else:
                    pool = others
                    if cross is not None and speaker in side:
                        mine = [c for c in others if side.get(c) == side[speaker]]
                        theirs = [c for c in others if c in side and side[c] != side[speaker]]
                        if theirs and (rng.random() < cross or not mine):
                            pool = theirs
                        elif mine:
                            pool = mine
                    act.to = _pick(rng, {c: pull[c] for c in pool})
            if stage in ("performing", "adjourning") and rng.random() < 0.07:
                act.role = rng.choice(MEMBER_ROLES)
        if spec.coding == "valence":
            act.valence = _valence(rng, act, stage, neg, side, spec.split_story)
        prev = act
    return acts


def _valence(
    rng: random.Random, act: _Act, stage: str, neg: float, side: dict[str, int], split_story: str | None
) -> str:
    if act.from_ == FACILITATOR:
        return "positive" if rng.random() < 0.35 else "task"
    p_neg = neg
    crossing = act.from_ in side and act.to in side and side[act.from_] != side[act.to]
    if crossing and split_story == "hardens":
        p_neg = min(0.6, neg * 2)
    if act.to == FACILITATOR and stage == "storming":
        p_neg *= 1.3
    r = rng.random()
    if r < p_neg:
        return "negative"
    if r < p_neg + POSITIVE[stage]:
        return "positive"
    return "task"


def build_session(spec: GroupSpec, number: int, rng: random.Random) -> Session:
    """One recorded, ended session of the group."""
    i = number - 1
    meeting = spec.meetings[i]
    stage = spec.arc.stage[i]
    date = spec.first_date + dt.timedelta(days=spec.interval_days * i)
    members = [m for m in spec.members if (m.joined or 1) <= number and (m.left is None or number <= m.left)]
    attendance = []
    for m in members:
        status, reason = meeting.attendance.get(m.code, ("present", ""))
        attendance.append(Attendance(member=m.code, status=status, reason=reason))
    unknown = set(meeting.attendance) - {m.code for m in members}
    assert not unknown, f"{spec.folder} session {number}: attendance for non-members {unknown}"

    # Blocks run roughly as planned.
    starts, ends = [], []
    clock = rng.uniform(0.0, 3.0)
    for block in spec.agenda:
        starts.append(clock)
        clock += block.minutes * 60 * rng.uniform(0.92, 1.1)
        ends.append(clock)
    duration = clock

    at_start = {a.member for a in attendance if a.status == "present"}
    arrive = {a.member: round(rng.uniform(5 * 60, 16 * 60), 1) for a in attendance if a.status == "late"}
    core = spec.core_block
    leave = {
        code: round(rng.uniform(starts[core] + 0.5 * (ends[core] - starts[core]), ends[core]), 1)
        for code in meeting.leave
    }

    def present_at(t: float) -> list[str]:
        # A member who declined to be noted is there, but the recorder notes none of their acts.
        codes = [
            m.code for m in members if m.noted and (m.code in at_start or (m.code in arrive and arrive[m.code] < t))
        ]
        return [c for c in codes if not (c in leave and leave[c] <= t)]

    acts = _generate_acts(spec, i, rng, present_at, starts, ends)

    # Everything else that happens, merged in time order (ties: agenda, arrive, acts, notes).
    timeline: list[tuple[float, int, dict]] = []
    for b, start in enumerate(starts):
        timeline.append((round(start, 1), 0, {"kind": "agenda", "block": b}))
    for code, t in arrive.items():
        timeline.append((t, 1, {"kind": "arrive", "from_": code}))
    for code, t in leave.items():
        timeline.append((t, 1, {"kind": "leave", "from_": code, "note": meeting.leave[code]}))
    for b, text, safety in meeting.live_notes:
        t = round(rng.uniform(starts[b] + 0.3 * (ends[b] - starts[b]), ends[b] - 10), 1)
        timeline.append((t, 3, {"kind": "note", "note": text, "safety": safety}))
    if meeting.pause:
        t = round(
            rng.uniform(
                starts[core] + 0.4 * (ends[core] - starts[core]), starts[core] + 0.6 * (ends[core] - starts[core])
            ),
            1,
        )
        timeline.append((t, 3, {"kind": "pause", "note": meeting.pause}))
        timeline.append((t, 4, {"kind": "resume"}))
        pause_seconds = rng.choice([300, 360, 420, 480])
    else:
        pause_seconds = 0

    # Live corrections: the recorder undoes the act just recorded (wrong addressee, or a double press).
    other_times = sorted(t for t, _, _ in timeline)
    slips = rng.choice([0, 1, 1, 2])
    candidates = [
        k
        for k in range(len(acts) - 1)
        if acts[k + 1].at - acts[k].at >= 10 and not any(acts[k].at - 1 <= t <= acts[k].at + 8 for t in other_times)
    ]
    slip_at = set(rng.sample(candidates, min(slips, len(candidates))))
    seating = list(spec.seating)
    for k, act in enumerate(acts):
        base = {"kind": "speak", "from_": act.from_, "to": act.to, "role": act.role, "valence": act.valence}
        if k not in slip_at:
            timeline.append((act.at, 2, base))
            continue
        if rng.random() < 0.6:
            # Wrong key next to the right one, undone, then the right act.
            anchor = act.to if act.to in seating else act.from_ if act.from_ in seating else seating[0]
            j = seating.index(anchor)
            here = present_at(act.at)
            wrong = next(
                (
                    c
                    for c in (seating[(j + 1) % len(seating)], seating[j - 1])
                    if c in here and c not in (act.from_, act.to)
                ),
                None,
            )
            if wrong is None:
                timeline.append((act.at, 2, base))
                continue
            timeline.append((act.at, 2, {**base, "to": wrong, "_slip": True}))
            timeline.append((round(act.at + 2.5, 1), 2, {"kind": "undo", "_undo": True}))
            timeline.append((round(act.at + 4.5, 1), 2, base))
        else:
            # The same act pressed twice; the second is undone.
            timeline.append((act.at, 2, base))
            timeline.append((round(act.at + 1.0, 1), 2, {**base, "_slip": True}))
            timeline.append((round(act.at + 3.0, 1), 2, {"kind": "undo", "_undo": True}))

    timeline.sort(key=lambda item: (item[0], item[1]))
    events: list[Event] = []
    last_speak_seq = None
    for seq, (at, _, data) in enumerate(timeline, start=1):
        fields = {k: v for k, v in data.items() if not k.startswith("_") and v is not None}
        if data.get("_undo"):
            fields["undoes"] = last_speak_seq
        if fields.get("kind") == "speak":
            last_speak_seq = seq
        if "from_" in fields:
            fields["from"] = fields.pop("from_")
        events.append(Event.model_validate({"seq": seq, "at": at, **fields}))

    start = (dt.datetime.combine(date, spec.start) + dt.timedelta(minutes=rng.randint(-3, 8))).time()
    end = _add_minutes(start, duration + pause_seconds + 60)

    return Session(
        number=number,
        date=date,
        start=start,
        end=end,
        state="ended",
        coding=spec.coding,
        plan=build_plan(spec, number, meeting, stage),
        attendance=attendance,
        events=events,
        notes=meeting.notes,
        stage_observed=stage,
    )


MAX_ATTEMPTS = 400


@dataclass(frozen=True)
class StoryStats:
    """What a session shows of its group's story."""

    member_acts: int
    quiet_acts: int
    quiet_share: float
    cross_share: float | None
    negatives: int


def story_stats(spec: GroupSpec, session: Session) -> StoryStats:
    """The quiet member's acts and share of member acts, the share of member→member acts that
    cross the split, and the number of negative acts."""
    acts = session.acts()
    member_acts = [a for a in acts if a.from_ != FACILITATOR]
    quiet = sum(a.from_ == spec.quiet for a in member_acts)
    cross = None
    if spec.split:
        side = {code: k for k, codes in enumerate(spec.split) for code in codes}
        pairs = [a for a in member_acts if a.from_ in side and a.to in side]
        cross = sum(side[a.from_] != side[a.to] for a in pairs) / len(pairs)
    negatives = sum(a.valence == "negative" for a in acts)
    return StoryStats(len(member_acts), quiet, quiet / len(member_acts), cross, negatives)


def fits_story(spec: GroupSpec, number: int, stats: StoryStats, previous: StoryStats | None) -> bool:
    """True when a drawn session keeps the group's story: the quiet member's share does not fall
    back (nor leaps), a split moves the way the story says and stays near its `cross` parameter, and the
    storming session of a valence-coded group shows some negative acts."""
    i = number - 1
    if previous is None:
        if not (spec.quiet_first_min <= stats.quiet_acts and stats.quiet_share <= 0.07):
            return False
    elif not previous.quiet_share - 0.005 <= stats.quiet_share <= previous.quiet_share + 0.07:
        return False
    if stats.cross_share is not None and spec.arc.cross is not None:
        if abs(stats.cross_share - spec.arc.cross[i]) > 0.1:
            return False
        if previous is not None and previous.cross_share is not None:
            if spec.split_story == "heals" and stats.cross_share < previous.cross_share - 0.02:
                return False
            if spec.split_story == "hardens" and stats.cross_share > previous.cross_share + 0.02:
                return False
    if spec.arc.neg is not None:
        expected = spec.arc.neg[i] * stats.member_acts
        if spec.arc.neg[i] == max(spec.arc.neg):
            if stats.negatives < max(5, 0.8 * expected):
                return False
        elif stats.negatives > 1.5 * expected + 2:
            return False
    return True


def build_review(spec: GroupSpec, session: Session, status: str, rng: random.Random) -> tuple[Review, list[AuditEntry]]:
    """The supervision of a session, and the audit entries it leaves on the group."""
    meeting = spec.meetings[session.number - 1]
    written = dt.datetime.combine(
        session.date + dt.timedelta(days=rng.randint(2, 4)), dt.time(rng.randint(9, 15), rng.choice([0, 15, 30, 45]))
    )
    audit: list[AuditEntry] = []
    if status in ("draft", "submitted"):
        return Review(status=status), audit
    text = meeting.comment or figure_comment(spec, session)
    section = "notes" if meeting.comment else "sociogram"
    comments = [Comment(at=written, author=spec.supervisor, text=text, section=section)]
    if status == "returned":
        reply_at = dt.datetime.combine(written.date() + dt.timedelta(days=1), dt.time(19, 10))
        if meeting.reply:
            comments.append(Comment(at=reply_at, author=spec.facilitators[-1], text=meeting.reply, section="notes"))
        return Review(status="returned", comments=comments), audit
    signed = written + dt.timedelta(minutes=rng.randint(10, 50))
    review = Review(status="reviewed", comments=comments, signoff=SignOff(by=spec.supervisor, at=signed))
    audit.append(AuditEntry(at=signed, who=spec.supervisor, action="sign_off", detail=f"sesi {session.number}"))
    if meeting.amendment:
        what, before, after = meeting.amendment
        amended = signed + dt.timedelta(days=1, hours=2)
        review.amendments.append(Amendment(at=amended, by=spec.facilitators[0], field=what, before=before, after=after))
        audit.append(
            AuditEntry(at=amended, who=spec.facilitators[0], action="amend", detail=f"sesi {session.number}: {what}")
        )
    return review, audit


def add_safety_follow_up(spec: GroupSpec, session: Session) -> None:
    """Every safety-flagged note and attendance reason says whom it was reported to, when, and
    whether the supervisor has closed it (no random draw: the sessions' events stay as they are)."""
    meeting = spec.meetings[session.number - 1]
    reported_to, closing = "supervisor", ""
    if session.number in spec.safety_follow_up:
        reported_to, _by, closing = spec.safety_follow_up[session.number]

    def follow_up() -> SafetyFollowUp:
        if closing:
            return SafetyFollowUp(reported_to=reported_to, reported_at=session.date, status="followed_up",
                                  closed_by=spec.supervisor, closed_at=session.date + dt.timedelta(days=3), closing_note=closing)  # fmt: skip
        return SafetyFollowUp(reported_to=reported_to, reported_at=session.date)

    for event in session.events:
        if event.kind == "note" and event.safety:
            event.follow_up = follow_up()
    for entry in session.attendance:
        if entry.member in meeting.safety_absences:
            entry.safety = True
            entry.follow_up = follow_up()


def build_group(spec: GroupSpec) -> tuple[Group, list[Session]]:
    """The group and its sessions, deterministic for the spec."""
    n = len(spec.meetings)
    arc = spec.arc
    for name in ("acts", "fac", "quiet", "stage"):
        assert len(getattr(arc, name)) == n, f"{spec.folder}: arc.{name} needs {n} values"
    assert (arc.cross is None) == (spec.split is None), f"{spec.folder}: cross needs a split"
    assert len(spec.reviews) == n, f"{spec.folder}: one review status per session"
    assert sum(b.minutes for b in spec.agenda) <= spec.minutes, f"{spec.folder}: agenda longer than the session"

    rng = random.Random(f"{SEED}:{spec.folder}")
    sessions: list[Session] = []
    audit: list[AuditEntry] = []
    previous: StoryStats | None = None
    for number in range(1, n + 1):
        # Small groups make noisy data: draw the session again (from the next seed) until the
        # random draw tells the arc's story instead of hiding it in noise. Deterministic.
        for attempt in range(MAX_ATTEMPTS):
            session = build_session(spec, number, random.Random(f"{SEED}:{spec.folder}:{number}:{attempt}"))
            stats = story_stats(spec, session)
            if fits_story(spec, number, stats, previous):
                break
        else:
            raise RuntimeError(f"{spec.folder} session {number}: no draw fits the story; adjust its Arc")
        previous = stats
        review, entries = build_review(spec, session, spec.reviews[number - 1], rng)
        session.review = review
        add_safety_follow_up(spec, session)
        sessions.append(session)
        audit.extend(entries)

    members = []
    for m in spec.members:
        first = m.joined or 1
        consent_date = (
            spec.first_date + dt.timedelta(days=spec.interval_days * (first - 1)) - dt.timedelta(days=rng.randint(2, 9))
        )
        if m.minor:
            who, relation = (m.parent, "parent") if m.parent else (spec.guardian or ("", ""))
            assert who, f"{spec.folder}: {m.code} is a minor and needs a parent or the group's guardian"
            guardian = GuardianConsent(name=who, relation=relation, date=consent_date,
                                       participation=True, recording=m.noted, names_in_reports=False, photos=False)  # fmt: skip
            consent = Consent(
                participation=True,
                recording=m.noted,
                date=consent_date,
                guardian=guardian,
                assent=True,
                assent_date=consent_date,
            )
        else:
            consent = Consent(participation=True, recording=m.noted, names_in_reports=m.names_ok and m.noted, date=consent_date,
                              declined_noting=not m.noted)  # fmt: skip
        members.append(
            Member(
                code=m.code,
                name=m.name,
                attributes=m.attributes,
                consent=consent,
                joined=m.joined,
                left=m.left,
                nicknames=list(m.nicknames),
                minor=m.minor,
                mandated=m.mandated,
            )
        )
    group = Group(
        name=spec.name,
        type=spec.type,
        secondary_types=list(spec.secondary_types),
        purpose=spec.purpose,
        agency=spec.agency,
        facilitators=spec.facilitators,
        professional_lead=spec.professional_lead,
        members=members,
        seating=spec.seating,
        planned_sessions=spec.planned_sessions,
        frequency=spec.frequency,
        session_minutes=spec.minutes,
        audit=sorted(audit, key=lambda e: e.at),
        population=list(spec.population),
        analysable_attributes=list(spec.analysable),
    )
    return group, sessions


def write_samples(out_dir: Path) -> list[Path]:
    """Delete and rewrite the sample group folders in out_dir; other folders are left alone."""
    folders = [g.folder for g in GROUPS]
    assert len(set(folders)) == len(folders), "two sample groups share a folder"
    written = []
    for spec in GROUPS:
        group, sessions = build_group(spec)
        target = out_dir / spec.folder
        if target.exists():
            shutil.rmtree(target)
        written.append(store.save_group(target, group))
        for session in sessions:
            store.check_group_for_member_codes(group, session, store.session_path(target, session.number))
            written.append(store.save_session(target, session))
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1 or (args and args[0].startswith("-")):
        print(__doc__.split("\n\n")[1] if __doc__ else "usage: make_samples.py [OUT_DIR]", file=sys.stderr)
        return 2
    out_dir = Path(args[0]) if args else DEFAULT_OUT
    written = write_samples(out_dir)
    print(f"wrote {len(written)} files for {len(GROUPS)} groups in {out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
