"""The closed lists of the rules — kinds, priorities, channels, states, grounds — with their Chinese labels."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class Kind(StrEnum):
    """What the citizen brings (YJ12345 art. 2, 9)."""

    CONSULTATION = "consultation"
    HELP_REQUEST = "help_request"
    FEEDBACK = "feedback"
    COMPLAINT = "complaint"
    TIP_OFF = "tip_off"
    SUGGESTION = "suggestion"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    Kind.CONSULTATION: "咨询",
    Kind.HELP_REQUEST: "求助",
    Kind.FEEDBACK: "反映",
    Kind.COMPLAINT: "投诉",
    Kind.TIP_OFF: "举报",
    Kind.SUGGESTION: "建议",
}


class Priority(StrEnum):
    """普通项 / 紧急项 (YJ12345 art. 9)."""

    NORMAL = "normal"
    URGENT = "urgent"

    @property
    def label(self) -> str:
        return "紧急" if self is Priority.URGENT else "普通"


class Channel(StrEnum):
    """How the item reached the centre (FIRE art. 3, YJ12345 art. 2, JY12345 art. 11)."""

    WALK_IN = "walk_in"
    PHONE = "phone"
    LETTER = "letter"
    WECHAT = "wechat"
    SNAPSHOT = "snapshot"
    YUESHENGSHI = "yueshengshi"
    SMS_WEB = "sms_web"
    UPSTREAM = "upstream"

    @property
    def label(self) -> str:
        return _CHANNEL_LABELS[self]


_CHANNEL_LABELS = {
    Channel.WALK_IN: "来访",
    Channel.PHONE: "来电",
    Channel.LETTER: "来信",
    Channel.WECHAT: "微信",
    Channel.SNAPSHOT: "随手拍",
    Channel.YUESHENGSHI: "粤省事",
    Channel.SMS_WEB: "短信/网页",
    Channel.UPSTREAM: "上级转办",
}


class CaseState(StrEnum):
    """Where a case stands in its life (RULES §1, §2.3)."""

    REGISTERED = "registered"
    AWAITING_MATERIALS = "awaiting_materials"
    NOT_ACCEPTED = "not_accepted"
    WITHDRAWN = "withdrawn"
    ACCEPTED = "accepted"
    DISPATCHED = "dispatched"
    RETURN_REQUESTED = "return_requested"
    IN_PROGRESS = "in_progress"
    RESULT_SUBMITTED = "result_submitted"
    SENT_BACK = "sent_back"
    COMPLETED = "completed"
    EVALUATED = "evaluated"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]

    @property
    def group(self) -> StateGroup:
        if self in (CaseState.COMPLETED, CaseState.EVALUATED):
            return StateGroup.COMPLETED
        if self in (CaseState.NOT_ACCEPTED, CaseState.WITHDRAWN, CaseState.CLOSED):
            return StateGroup.CLOSED
        return StateGroup.OPEN


_STATE_LABELS = {
    CaseState.REGISTERED: "已登记",
    CaseState.AWAITING_MATERIALS: "待补正",
    CaseState.NOT_ACCEPTED: "不予受理",
    CaseState.WITHDRAWN: "视为撤回",
    CaseState.ACCEPTED: "已受理",
    CaseState.DISPATCHED: "已转办",
    CaseState.RETURN_REQUESTED: "申请退回",
    CaseState.IN_PROGRESS: "办理中",
    CaseState.RESULT_SUBMITTED: "待审核",
    CaseState.SENT_BACK: "已发回",
    CaseState.COMPLETED: "已办结",
    CaseState.EVALUATED: "已评价",
    CaseState.CLOSED: "已归档",
}


class StateGroup(StrEnum):
    """States grouped as a citizen sees them (the FixMyStreet habit)."""

    OPEN = "open"
    COMPLETED = "completed"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {"open": "办理中", "completed": "已办结", "closed": "已终结"}[self.value]


OPEN_STATES = frozenset(s for s in CaseState if s.group is StateGroup.OPEN)


class RefusalGround(IntEnum):
    """The seven grounds for not accepting (YJ12345 art. 6)."""

    OUTSIDE_JURISDICTION = 1
    OTHER_PROCEDURE = 2
    PETITION_CHANNEL = 3
    SECRETS_OR_PRIVACY = 4
    UNLAWFUL_OR_NO_REQUEST = 5
    REPEAT = 6
    OTHER_LEGAL_GROUND = 7

    @property
    def label(self) -> str:
        return _GROUND_LABELS[self]

    @property
    def article(self) -> str:
        return f"YJ12345 art. 6({self.value})"


_GROUND_LABELS = {
    RefusalGround.OUTSIDE_JURISDICTION: "不属于本市行政管辖范围内的事项",
    RefusalGround.OTHER_PROCEDURE: (
        "已进入或须通过诉讼、仲裁、纪检监察、行政复议、政府信息公开等程序解决的事项"
    ),
    RefusalGround.PETITION_CHANNEL: "已进入信访渠道的事项",
    RefusalGround.SECRETS_OR_PRIVACY: "涉及国家机密、商业秘密、个人隐私的事项",
    RefusalGround.UNLAWFUL_OR_NO_REQUEST: (
        "违反法律法规规章、社会公序良俗以及恶意攻击、骚扰或无实质诉求内容的事项"
    ),
    RefusalGround.REPEAT: "相关诉求正在办理或已办理完毕，以同一事实、同一理由重复反映的事项",
    RefusalGround.OTHER_LEGAL_GROUND: "其他依据法律、法规、规章不予受理的事项",
}


class HazardCategory(IntEnum):
    """The ten fire-hazard categories that a reward can be for (FIRE art. 4)."""

    FIRE_SYSTEMS_NOT_WORKING = 1
    EVACUATION_BLOCKED = 2
    HYDRANT_OR_SEPARATION = 3
    FIRE_ACCESS_BLOCKED = 4
    OBSTACLES_ON_WINDOWS = 5
    DANGEROUS_GOODS_WITH_DWELLINGS = 6
    OTHER_GOODS_WITH_DWELLINGS = 7
    BAD_FIRE_PRODUCTS = 8
    FACILITIES_UNTESTED = 9
    CONTROL_ROOM_UNSTAFFED = 10

    @property
    def label(self) -> str:
        return _HAZARD_LABELS[self]

    @property
    def article(self) -> str:
        return f"FIRE art. 4({self.value})"


_HAZARD_LABELS = {
    HazardCategory.FIRE_SYSTEMS_NOT_WORKING: "火灾自动报警、自动灭火、室内消火栓系统未保持完好有效或被拆除",
    HazardCategory.EVACUATION_BLOCKED: "占用、堵塞、封闭疏散通道、安全出口",
    HazardCategory.HYDRANT_OR_SEPARATION: "埋压、圈占、遮挡消火栓或占用防火间距",
    HazardCategory.FIRE_ACCESS_BLOCKED: "占用、堵塞、封闭消防车通道",
    HazardCategory.OBSTACLES_ON_WINDOWS: "人员密集场所门窗（外墙）设置障碍物影响逃生、救援",
    HazardCategory.DANGEROUS_GOODS_WITH_DWELLINGS: "生产、储存、经营易燃易爆危险品场所与居住场所设在同一建筑物内或距离不足",
    HazardCategory.OTHER_GOODS_WITH_DWELLINGS: "生产、储存、经营其他物品场所与居住场所设在同一建筑物内不符合技术标准",
    HazardCategory.BAD_FIRE_PRODUCTS: "使用不合格、国家明令淘汰的消防产品，或维修使用不合格配件、灭火剂",
    HazardCategory.FACILITIES_UNTESTED: "未按规定对自动消防设施全面检测，或消防技术服务机构违规执业",
    HazardCategory.CONTROL_ROOM_UNSTAFFED: "消防控制室无人值班、值班人员无证上岗或脱岗",
}


class Satisfaction(StrEnum):
    """The five levels of 好差评 (YJ12345 art. 20; STD item 17)."""

    VERY_SATISFIED = "very_satisfied"
    SATISFIED = "satisfied"
    BASICALLY_SATISFIED = "basically_satisfied"
    DISSATISFIED = "dissatisfied"
    VERY_DISSATISFIED = "very_dissatisfied"

    @property
    def label(self) -> str:
        return {
            "very_satisfied": "非常满意",
            "satisfied": "满意",
            "basically_satisfied": "基本满意",
            "dissatisfied": "不满意",
            "very_dissatisfied": "非常不满意",
        }[self.value]

    @property
    def counts_as_satisfied(self) -> bool:
        """RULES §6: 满意率 counts 非常满意 + 满意 + 基本满意."""
        return self in (
            Satisfaction.VERY_SATISFIED,
            Satisfaction.SATISFIED,
            Satisfaction.BASICALLY_SATISFIED,
        )

    @property
    def allows_redo(self) -> bool:
        """YJ12345 art. 20; JY12345 art. 16: a redo answers 不满意 or 非常不满意 only."""
        return not self.counts_as_satisfied


class ContactMethod(StrEnum):
    """How a first contact, a call-back or an evaluation was made."""

    PHONE = "phone"
    COUNTER = "counter"
    SMS = "sms"
    VISIT = "visit"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "phone": "电话",
            "counter": "窗口",
            "sms": "短信",
            "visit": "上门",
            "other": "其他",
        }[self.value]


class EvaluationTag(StrEnum):
    """Optional reasons a citizen gives with a 好差评 (STD item 17: evaluation feeds rectification).

    The seeds name no list; these are TownDesk's, kept short so a clerk can tick them on the
    phone: what went well, then what went wrong (the ones a redo request usually cites).
    """

    RESOLVED = "resolved"
    TIMELY = "timely"
    COURTEOUS = "courteous"
    CLEAR_ANSWER = "clear_answer"
    NOT_RESOLVED = "not_resolved"
    TOO_SLOW = "too_slow"
    NOT_CONTACTED = "not_contacted"
    UNCLEAR_ANSWER = "unclear_answer"
    POOR_ATTITUDE = "poor_attitude"
    PASSED_THE_BUCK = "passed_the_buck"

    @property
    def label(self) -> str:
        return _EVALUATION_TAG_LABELS[self]

    @property
    def is_negative(self) -> bool:
        return self in _NEGATIVE_TAGS


_EVALUATION_TAG_LABELS = {
    EvaluationTag.RESOLVED: "问题已解决",
    EvaluationTag.TIMELY: "办理及时",
    EvaluationTag.COURTEOUS: "态度热情",
    EvaluationTag.CLEAR_ANSWER: "答复清楚",
    EvaluationTag.NOT_RESOLVED: "问题未解决",
    EvaluationTag.TOO_SLOW: "办理拖延",
    EvaluationTag.NOT_CONTACTED: "未联系诉求人",
    EvaluationTag.UNCLEAR_ANSWER: "答复不清楚",
    EvaluationTag.POOR_ATTITUDE: "态度不好",
    EvaluationTag.PASSED_THE_BUCK: "推诿扯皮",
}
_NEGATIVE_TAGS = frozenset(
    {
        EvaluationTag.NOT_RESOLVED,
        EvaluationTag.TOO_SLOW,
        EvaluationTag.NOT_CONTACTED,
        EvaluationTag.UNCLEAR_ANSWER,
        EvaluationTag.POOR_ATTITUDE,
        EvaluationTag.PASSED_THE_BUCK,
    }
)
