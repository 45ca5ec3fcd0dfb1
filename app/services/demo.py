"""Demo data: a Yangjiang township centre with users, units, people, two years of cases, the
reward claims of its fire-hazard tip-offs, and the follow-up of "now" (call-backs, redos,
reward objections, restrictions)."""

from __future__ import annotations

import random
import time as timer
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from functools import partial
from itertools import accumulate
from typing import TypeVar

from faker import Faker
from sqlalchemy import func, select
from stdnum.cn import ric

from app.domain.callbacks import CallbackOutcome
from app.domain.cases import Case, CaseRules, EvaluationStage
from app.domain.codes import QUERY_CODE_ALPHABET, QUERY_CODE_LENGTH, format_case_number
from app.domain.deadlines import DeadlineKind
from app.domain.errors import DomainError, TransitionError, ValidationError
from app.domain.rewards import (
    ClaimState,
    NoticeMethod,
    ObjectionGround,
    PaymentMethod,
    Verification,
)
from app.domain.users import Action, Actor, Role
from app.domain.vocabulary import (
    CaseState,
    Channel,
    ContactMethod,
    EvaluationTag,
    HazardCategory,
    Kind,
    Priority,
    RefusalGround,
    Satisfaction,
)
from app.persistence import tables as t
from app.services import callbacks, handling, restrictions, rewards, settings, units, users
from app.services.context import Services, UnitOfWork
from app.services.registration import (
    PersonInput,
    RegistrationForm,
    resolve_person,
)
from app.services.rewards import DUE_SOON_DAYS, Stage

DEMO_PASSWORD = "demo1234"
DEMO_CENTRE_CODE = "JCZ01"
DEMO_CENTRE_NAME = "阳江市江城区某镇便民服务中心"
MAX_DEMO_CASES = 1_000_000
# Two years of history, as the issue asks; open cases sit in the last weeks before "now".
HISTORY_DAYS = 730


@dataclass(frozen=True)
class DemoUser:
    username: str
    display_name: str
    role: Role


DEMO_USERS = (
    DemoUser("admin", "管理员", Role.ADMIN),
    DemoUser("zhang.supervisor", "张志强", Role.SUPERVISOR),
    DemoUser("li.clerk", "李晓敏", Role.CLERK),
    DemoUser("chen.clerk", "陈嘉怡", Role.CLERK),
)


@dataclass(frozen=True)
class DemoSummary:
    """What was built, for the command line to print and the tests to check."""

    cases: int
    by_state: dict[CaseState, int]
    overdue: int
    urgent: int
    anonymous: int
    joint: int
    persons: int
    units: int
    users: tuple[DemoUser, ...]
    password: str
    seconds: float


# ----- the centre's world ---------------------------------------------------------------------

# (code, name): codes are short pinyin initials, as counters write them on dispatch slips.
_UNITS = (
    ("CJB", "镇城建办"),
    ("YJB", "镇应急管理办"),
    ("ZZB", "镇综治办"),
    ("ZFB", "镇综合行政执法办"),
    ("SWB", "镇社会事务办"),
    ("NYB", "镇农业农村办"),
    ("SJS", "镇市场监管所"),
    ("PCS", "镇派出所"),
    ("GDS", "镇供电所"),
    ("ZLS", "镇自来水公司"),
    ("WSY", "镇卫生院"),
    ("ZRS", "镇自然资源所"),
    ("HJS", "镇生态环境所"),
    ("XFDD", "江城区消防救援大队"),
)
_UNIT_NAMES = dict(_UNITS)

# Yangjiang's division codes: 江城区, 阳东区, 阳西县, 阳东县 (before 2014), 阳春市.
_REGION_PREFIXES = ("441702", "441702", "441702", "441704", "441721", "441723", "441781")
_MOBILE_PREFIXES = (
    "135", "136", "137", "138", "139", "150", "151", "152", "157", "158", "159",
    "182", "183", "187", "188", "130", "131", "132", "155", "156", "185", "186",
    "133", "153", "180", "181", "189", "199", "177",
)  # fmt: skip
_CITY_ROADS = (
    "东风一路", "东风二路", "东风三路", "新江北路", "金山路", "漠阳路", "石湾路", "西平路",
    "二环路", "安宁路", "南恩路", "马南路", "江华路", "湖滨路", "建设路", "新华南路",
)  # fmt: skip
_TOWN_STREETS = ("镇中路", "新圩街", "文明路", "工业大道", "市场街", "河堤路", "墟顶街", "环镇路")
_VILLAGES = (
    "大岗村", "新塘村", "石门村", "龙湾村", "沙岗村", "合山村", "福岗村", "东坑村",
    "平岗村", "塘尾村", "黄泥岗村", "上洋村", "那蓬村", "白沙村",
)  # fmt: skip
_LANDMARKS = (
    "镇农贸市场", "镇中心小学门口", "镇卫生院对面", "汽车站旁", "镇政府广场", "文化广场",
    "工业园区二期", "漠阳江河堤", "新圩桥头", "镇中学后门",
)  # fmt: skip
# The surnames most common around Yangjiang, so the demo reads like the local counter.
_LOCAL_SURNAMES = (
    "陈", "林", "梁", "黄", "李", "冯", "许", "关", "莫", "谭", "吴", "杨", "何", "叶",
    "邓", "冼", "敖", "姚", "刘", "张", "王", "周", "谢", "郑", "曾", "蔡", "严", "司徒",
)  # fmt: skip
_ESTATES = (
    "金湾花园", "阳光小区", "江景华庭", "翠湖居", "富华苑", "丽景花园", "嘉华小区", "新城公寓",
)  # fmt: skip
_SHOP_WORDS = (
    "鸿发", "兴旺", "富源", "金海", "好运来", "永盛", "华强", "顺景", "宏达", "利民",
    "粤海", "新时代", "万家", "金帝", "嘉和", "恒昌", "美佳", "汇通", "祥兴", "南粤",
)  # fmt: skip
_SHOP_TYPES = (
    "五金店", "电动车维修店", "家具厂", "制衣厂", "餐饮店", "农家乐", "KTV", "网吧",
    "旅馆", "刀剪厂", "五金制品有限公司", "液化气供应站", "仓库", "超市", "鞋厂", "木材加工厂",
)  # fmt: skip


@dataclass(frozen=True)
class _Topic:
    """One kind of matter citizens bring, with the unit that handles it and a typical answer."""

    kind: Kind
    unit: str
    content: str
    request: str
    method: str
    outcome: str
    basis: str
    hazard: HazardCategory | None = None
    urgent_ok: bool = False


_TOPICS = (
    # 咨询
    _Topic(Kind.CONSULTATION, "SWB", "咨询城乡居民养老保险今年的缴费档次和缴费截止时间，本人{age}岁。",
           "请告知缴费标准和缴费渠道。", "电话答复",
           "已告知本年度城乡居民养老保险缴费档次，可通过粤省事或税务App缴费，截止时间为12月底。",
           "《广东省城乡居民基本养老保险实施办法》"),
    _Topic(Kind.CONSULTATION, "PCS", "咨询新生儿入户需要带哪些材料、到哪里办理。",
           "请告知办理流程和所需材料。", "电话答复",
           "已告知携带出生医学证明、父母户口簿和身份证到镇派出所户籍窗口办理，可当场办结。",
           "《中华人民共和国户口登记条例》第七条"),
    _Topic(Kind.CONSULTATION, "ZRS", "咨询在{village}自家宅基地上翻建房屋需要办理什么手续。",
           "请告知农村建房审批流程。", "窗口当面答复",
           "已告知须向村委会提出申请，经镇自然资源所审查后报批，并发放办事指南。",
           "《中华人民共和国土地管理法》第六十二条"),
    _Topic(Kind.CONSULTATION, "SWB", "咨询家中老人住院的城乡居民医保报销比例和报销手续。",
           "请告知报销比例及需要准备的材料。", "电话答复",
           "已告知住院报销比例和“一站式”结算办法，出院时在医院直接结算。",
           "《中华人民共和国社会保险法》第二十五条"),
    _Topic(Kind.CONSULTATION, "SWB", "咨询年满80周岁老人如何申领高龄津贴。",
           "请告知申领条件和办理地点。", "电话答复",
           "已告知携带老人身份证、户口簿和银行卡到镇社会事务办申请，次月起发放。",
           "广东省高龄老人津贴制度有关规定"),
    _Topic(Kind.CONSULTATION, "SJS", "咨询在镇上开一间小食店办理营业执照和食品经营许可的流程。",
           "请告知办理流程。", "窗口当面答复",
           "已告知可通过广东政务服务网申请个体工商户登记，食品经营许可同步办理。",
           "《市场主体登记管理条例》第三条"),
    _Topic(Kind.CONSULTATION, "SWB", "咨询重度残疾人护理补贴的申请条件。",
           "请告知申请条件和所需材料。", "电话答复",
           "已告知持第二代残疾人证（一级、二级）可申请护理补贴，并告知所需材料。",
           "《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》（国发〔2015〕52号）"),
    # 求助
    _Topic(Kind.HELP_REQUEST, "GDS", "{village}一位独居老人家中从昨晚起停电，老人行动不便，无法自行报修。",
           "请尽快派人上门检修。", "供电所抢修人员上门检修",
           "查明为入户线老化断线，已更换入户线并恢复供电。", "《供电营业规则》", urgent_ok=True),
    _Topic(Kind.HELP_REQUEST, "ZLS", "{place}一带已停水两天，事先没有接到停水通知，家中有老人小孩。",
           "请尽快恢复供水并告知原因。", "自来水公司现场抢修",
           "系主水管爆裂，已抢修完毕恢复供水，并安排送水车临时供水。", "《城市供水条例》第二十二条",
           urgent_ok=True),
    _Topic(Kind.HELP_REQUEST, "CJB", "{place}下水道堵塞，污水外溢到路面和住户门口。",
           "请安排疏通下水道。", "城建办安排环卫人员现场疏通",
           "已疏通下水道并清理路面污物，列入定期巡查。", "《城镇排水与污水处理条例》第二十八条"),
    _Topic(Kind.HELP_REQUEST, "SWB", "家中一人患重病住院，医疗费用负担重，家庭生活困难。",
           "申请临时救助。", "社会事务办入户核实",
           "经入户核实符合临时救助条件，已按程序审批发放临时救助金。", "《社会救助暂行办法》第四十七条"),
    _Topic(Kind.HELP_REQUEST, "NYB", "{place}附近有几只流浪狗经常追咬路人，小孩上学不安全。",
           "请派人处理流浪犬。", "农业农村办联系专业人员现场处置",
           "已将流浪犬收容，并提醒村民文明养犬。", "《中华人民共和国动物防疫法》第三十条"),
    _Topic(Kind.HELP_REQUEST, "CJB", "台风过后{place}路边大树倒伏，压住电线并阻断道路。",
           "请尽快清理倒伏树木。", "城建办会同供电所现场清障",
           "已清理倒伏树木，供电所同步修复线路，道路恢复通行。", "《城市绿化条例》第二十一条",
           urgent_ok=True),
    # 反映
    _Topic(Kind.FEEDBACK, "CJB", "{place}路段路面坑洼积水，电动车经过容易摔倒。",
           "请尽快修补路面。", "城建办现场核查并安排修补", "已对坑洼路段进行修补，并设置警示标志。",
           "《城市道路管理条例》第二十二条"),
    _Topic(Kind.FEEDBACK, "CJB", "{place}一带路灯已坏了半个多月，晚上出行很不安全。",
           "请维修路灯。", "城建办安排路灯维护人员检修", "已更换损坏灯具和线路，路灯恢复正常。",
           "《城市道路管理条例》第二十二条"),
    _Topic(Kind.FEEDBACK, "CJB", "{place}路面井盖缺失，晚上已有电动车摔倒。",
           "请尽快补装井盖。", "城建办现场设置围挡并补装井盖", "已设置警示围挡并补装井盖，排查周边井盖无缺失。",
           "《城市道路管理条例》第二十三条", urgent_ok=True),
    _Topic(Kind.FEEDBACK, "YJB", "{place}一带闻到明显的燃气味，怀疑燃气管道泄漏。",
           "请马上派人排查。", "应急管理办会同燃气公司现场排查", "查明为燃气管道接口松动漏气，已关阀抢修完毕。",
           "《城镇燃气管理条例》有关规定", urgent_ok=True),
    _Topic(Kind.FEEDBACK, "CJB", "{place}垃圾收集点的垃圾连续多日未清运，气味难闻、蚊蝇多。",
           "请及时清运垃圾。", "城建办督促环卫公司清运", "已清运积存垃圾，并将清运频次调整为每日两次。",
           "《城市市容和环境卫生管理条例》第二十八条"),
    _Topic(Kind.FEEDBACK, "NYB", "{village}灌溉水渠堵塞损坏，下雨后农田大面积积水。",
           "请安排清淤修复水渠。", "农业农村办会同村委会现场查看", "已组织清淤并修复破损渠段，农田积水已排出。",
           "《农田水利条例》第三十条"),
    _Topic(Kind.FEEDBACK, "GDS", "{village}晚上用电高峰时电压很低，空调、冰箱经常无法启动。",
           "请检查线路和变压器。", "供电所现场测量电压", "已对台区变压器增容改造，电压恢复正常。",
           "《供电营业规则》第五十四条"),
    _Topic(Kind.FEEDBACK, "ZFB", "{place}门口长期有流动摊贩占道经营，造成交通堵塞。",
           "请派人整治占道经营。", "综合行政执法办现场劝导整治",
           "已劝离占道摊贩，引导其进入农贸市场经营，并加强巡查。",
           "《城市市容和环境卫生管理条例》第十四条"),
    # 投诉
    _Topic(Kind.COMPLAINT, "ZFB", "{place}附近工地连续多晚施工到凌晨，噪音严重影响休息。",
           "请责令停止夜间施工。", "综合行政执法办夜间现场检查",
           "已责令施工单位停止夜间施工，确需连续作业的须办理夜间施工证明并公告。",
           "《中华人民共和国噪声污染防治法》第四十三条"),
    _Topic(Kind.COMPLAINT, "HJS", "楼下{shop}油烟直排，油烟和异味进入住户家中。",
           "请要求商家安装油烟净化设施。", "生态环境所现场检查",
           "已责令该店限期安装油烟净化设施并定期清洗，复查已整改。",
           "《中华人民共和国大气污染防治法》第八十一条"),
    _Topic(Kind.COMPLAINT, "HJS", "{village}附近养猪场污水直排水沟，臭味很大。",
           "请查处养猪场违法排污。", "生态环境所会同农业农村办现场检查",
           "已责令养殖场停止直排并完善污水处理设施，依法立案查处。",
           "《畜禽规模养殖污染防治条例》第二十条"),
    _Topic(Kind.COMPLAINT, "SJS", "在{shop}购买的牛奶已超过保质期，商家拒绝退换。",
           "要求商家退货赔偿并依法查处。", "市场监管所现场检查并组织调解",
           "现场查获过期食品并依法处理，经调解商家已退款并按规定赔偿。",
           "《中华人民共和国食品安全法》第一百四十八条"),
    _Topic(Kind.COMPLAINT, "SWB", "在{shop}做工三个月，老板拖欠工资至今未发。",
           "请帮助追讨被拖欠的工资。", "社会事务办（劳动保障）约谈用人单位",
           "经约谈，用人单位已结清拖欠工资。", "《保障农民工工资支付条例》第三条"),
    _Topic(Kind.COMPLAINT, "CJB", "{estate}物业长期不清理化粪池，污水溢出。",
           "请督促物业公司整改。", "城建办约谈物业服务企业",
           "物业公司已清理化粪池，并承诺每季度定期清理。", "《物业管理条例》第三十五条"),
    # 建议
    _Topic(Kind.SUGGESTION, "CJB", "建议在{place}附近路口增设红绿灯和减速带，上下学时段车多人多。",
           "希望采纳。", "城建办会同交警部门研究", "已将该路口列入年度交通设施建设计划，先行增设减速带。",
           "《中华人民共和国道路交通安全法》第二十九条"),
    _Topic(Kind.SUGGESTION, "CJB", "建议增加镇区往返市区的公交班次，早晚高峰等车时间太长。",
           "希望采纳。", "城建办与公交公司沟通", "公交公司已在早晚高峰各增加两个班次。",
           "《城市公共交通条例》有关规定"),
    _Topic(Kind.SUGGESTION, "YJB", "建议在{place}增设电动车集中充电桩，减少居民飞线充电。",
           "希望采纳。", "应急管理办会同村委会选址", "已在该处规划建设电动车集中充电点，预计下月投入使用。",
           "《中华人民共和国消防法》第十六条"),
    _Topic(Kind.SUGGESTION, "YJB", "建议在{village}河边增设防溺水警示牌和救生圈。",
           "希望采纳。", "应急管理办现场查看", "已增设防溺水警示牌4块、救生圈2个，并纳入暑期巡查。",
           "《广东省预防中小学生溺水工作规定》有关规定"),
    _Topic(Kind.SUGGESTION, "SWB", "建议便民服务中心周六上午也开放窗口，方便上班族办事。",
           "希望采纳。", "社会事务办研究答复", "中心已试行每周六上午开放综合窗口。",
           "《广东省政务服务标准化规范化便利化工作方案》有关规定"),
)  # fmt: skip

# FIRE art. 4: what a citizen typically says about each category of hazard.
_HAZARD_REPORTS = {
    HazardCategory.FIRE_SYSTEMS_NOT_WORKING: "{name}的火灾自动报警系统长期处于故障状态，室内消火栓打开没有水。",
    HazardCategory.EVACUATION_BLOCKED: "{name}店内安全出口被货物堵塞，疏散通道堆满纸箱和杂物。",
    HazardCategory.HYDRANT_OR_SEPARATION: "{name}门前的室外消火栓被搭建的铁皮棚圈占遮挡。",
    HazardCategory.FIRE_ACCESS_BLOCKED: "{name}长期在消防车通道上停放货车、堆放建材。",
    HazardCategory.OBSTACLES_ON_WINDOWS: "{name}外墙窗户全部安装了固定防盗网，没有预留逃生口。",
    HazardCategory.DANGEROUS_GOODS_WITH_DWELLINGS: "{name}在一楼存放大量液化气瓶和油漆，楼上住人。",
    HazardCategory.OTHER_GOODS_WITH_DWELLINGS: "{name}一楼是生产车间，二楼和三楼是员工宿舍（“三合一”）。",
    HazardCategory.BAD_FIRE_PRODUCTS: "{name}配备的灭火器已过期，瓶身没有合格标识。",
    HazardCategory.FACILITIES_UNTESTED: "{name}的自动消防设施多年没有进行年度检测。",
    HazardCategory.CONTROL_ROOM_UNSTAFFED: "{name}的消防控制室晚上经常无人值班。",
}
_TIP_OFF_OUTCOMES = (
    "经现场核查，举报情况属实，已责令{name}立即整改，并依法立案处罚。",
    "经现场核查，举报情况基本属实，已下发责令限期改正通知书，复查时已整改完毕。",
    "经现场核查，未发现举报所称的火灾隐患，已向举报人说明核查情况。",
)
_OTHER_TIP_OFFS = (
    ("HJS", "{name}夜间偷排生产废水到附近河涌，河水发黑发臭。", "《中华人民共和国水污染防治法》第八十三条"),
    ("SJS", "{name}无证经营，销售来历不明的散装白酒。", "《无证无照经营查处办法》第二条"),
    ("ZRS", "{name}未经批准占用农田搭建厂房。", "《中华人民共和国土地管理法》第七十七条"),
)  # fmt: skip

_GROUND_REASONS = {
    RefusalGround.OUTSIDE_JURISDICTION: "诉求事项发生在茂名市电白区，不属于本市管辖范围，已告知向当地12345热线反映。",
    RefusalGround.OTHER_PROCEDURE: "诉求人与对方的合同纠纷已向江城区人民法院起诉，应通过诉讼程序解决。",
    RefusalGround.PETITION_CHANNEL: "该事项已向区信访局提出并已受理，应通过信访渠道继续办理。",
    RefusalGround.SECRETS_OR_PRIVACY: "诉求人要求查询他人的户籍信息和联系方式，涉及个人隐私。",
    RefusalGround.UNLAWFUL_OR_NO_REQUEST: "来电无实质诉求内容，且多次拨打、言语辱骂工作人员。",
    RefusalGround.REPEAT: "同一事实、同一理由此前已登记办理，诉求人未提出新的事实和理由。",
    RefusalGround.OTHER_LEGAL_GROUND: "该事项依法应由诉求人本人向不动产登记中心申请办理。",
}
_MATERIALS = (
    "身份证复印件",
    "户口簿复印件",
    "现场照片",
    "房屋产权证明",
    "付款凭证",
    "劳动合同或工资欠条",
)
# A return that is approved names the right unit; one that is refused argues less well.
_RETURN_REASONS_SOUND = (
    "该事项不属于本单位职责范围，应由{unit}办理。",
    "按镇职能分工，该事项由{unit}牵头处理。",
)
_RETURN_REASONS_WEAK = (
    "该事项涉及多个部门，本单位不是牵头单位。",
    "诉求人所述情况不在本单位日常巡查范围内。",
)
_EXTENSION_REASONS = (
    "需协调多个部门现场会商，确需延长办理时限。",
    "需等待第三方检测机构出具检测报告。",
    "涉及多户村民，需逐户核实情况。",
)
_SEND_BACK_COMMENTS = (
    "办理结果未写明法律或政策依据，请补充后重新提交。",
    "未联系诉求人反馈办理情况，请联系后重新提交。",
    "处理意见过于笼统，请写明具体处理措施和完成时间。",
    "缺少现场核查情况说明，请补充。",
)
_CONTACT_NOTES = (
    "电话联系诉求人，了解具体情况并约定现场核查时间。",
    "已电话联系诉求人，告知正在办理。",
    "短信告知诉求人承办单位及联系人。",
)
_EVALUATION_COMMENTS = {
    Satisfaction.VERY_SATISFIED: "处理及时，非常感谢。",
    Satisfaction.SATISFIED: "问题已经解决。",
    Satisfaction.BASICALLY_SATISFIED: "问题基本解决，但处理时间有点长。",
    Satisfaction.DISSATISFIED: "问题没有彻底解决。",
    Satisfaction.VERY_DISSATISFIED: "一直没有人联系，问题依旧。",
}
_LEVEL_WEIGHTS = (45, 30, 15, 7, 3)
# random.choices with the cumulative weights made once: the same draws as with the weights, and
# the bulk demo asks a million times.
_LEVELS = list(Satisfaction)
_LEVEL_CUMULATIVE = list(accumulate(_LEVEL_WEIGHTS))


# ----- scenarios: the life a case has had by "now" -------------------------------------------


class _Step(StrEnum):
    MATERIALS = "materials"
    SUPPLY = "supply"
    WITHDRAW = "withdraw"
    REFUSE = "refuse"
    ACCEPT = "accept"
    ANSWER = "answer"
    DISPATCH = "dispatch"
    RETURN_REQUEST = "return_request"
    RETURN_APPROVE = "return_approve"
    RETURN_REFUSE = "return_refuse"
    CONTACT = "contact"
    EXT_REQUEST = "ext_request"
    EXT_APPROVE = "ext_approve"
    EXT_REFUSE = "ext_refuse"
    RESULT = "result"
    SEND_BACK = "send_back"
    PASS = "pass"
    EVALUATE = "evaluate"
    CLOSE = "close"


_S = _Step
_HANDLED = (_S.ACCEPT, _S.DISPATCH, _S.CONTACT, _S.RESULT, _S.PASS)
_EXTENDABLE = frozenset(
    {Kind.HELP_REQUEST, Kind.FEEDBACK, Kind.COMPLAINT, Kind.TIP_OFF, Kind.SUGGESTION}
)


@dataclass(frozen=True)
class _Scenario:
    name: str
    steps: tuple[_Step, ...]
    weight: int
    # Recent cases are registered `back` working days before now (open ones must be recent
    # unless they are meant to be overdue); the others anywhere in the two years up to
    # `min_age` days ago, which leaves their whole life room to happen before now.
    recent: bool
    back: tuple[int, int] = (1, 3)
    kinds: frozenset[Kind] | None = None
    urgent: bool | None = False
    min_age: int = 35


_SCENARIOS = (
    _Scenario("registered", (), 2, True, (1, 1)),
    _Scenario("awaiting_materials", (_S.MATERIALS,), 1, True, (1, 3)),
    _Scenario("not_accepted", (_S.REFUSE,), 12, False, min_age=2),
    _Scenario("withdrawn", (_S.MATERIALS, _S.WITHDRAW), 2, False, min_age=20),
    _Scenario("accepted", (_S.ACCEPT,), 1, True, (1, 1)),
    _Scenario("dispatched", (_S.ACCEPT, _S.DISPATCH), 1, True, (1, 2), urgent=None),
    _Scenario("return_requested", (_S.ACCEPT, _S.DISPATCH, _S.RETURN_REQUEST), 1, True, (1, 2)),
    _Scenario("in_progress", (_S.ACCEPT, _S.DISPATCH, _S.CONTACT), 3, True, (1, 6), urgent=None),
    _Scenario(
        "return_approved",
        (_S.ACCEPT, _S.DISPATCH, _S.RETURN_REQUEST, _S.RETURN_APPROVE, _S.CONTACT),
        1,
        True,
        (2, 6),
    ),
    _Scenario(
        "return_refused",
        (_S.ACCEPT, _S.DISPATCH, _S.RETURN_REQUEST, _S.RETURN_REFUSE, _S.CONTACT),
        1,
        True,
        (2, 6),
    ),
    _Scenario(
        "extension_requested",
        (_S.ACCEPT, _S.DISPATCH, _S.CONTACT, _S.EXT_REQUEST),
        1,
        True,
        (4, 8),
        kinds=_EXTENDABLE,
    ),
    _Scenario(
        "extension_approved",
        (_S.ACCEPT, _S.DISPATCH, _S.CONTACT, _S.EXT_REQUEST, _S.EXT_APPROVE),
        1,
        True,
        (5, 9),
        kinds=_EXTENDABLE,
    ),
    _Scenario("result_submitted", (*_HANDLED[:4],), 1, True, (3, 8), urgent=None),
    _Scenario("sent_back", (*_HANDLED[:4], _S.SEND_BACK), 1, True, (4, 9)),
    _Scenario("completed", _HANDLED, 1, True, (3, 9)),
    _Scenario(
        "answered_at_once", (_S.ANSWER,), 1, True, (1, 2), kinds=frozenset({Kind.CONSULTATION})
    ),
    _Scenario("evaluated", (*_HANDLED, _S.EVALUATE), 2, True, (5, 12)),
    _Scenario("closed", (*_HANDLED, _S.EVALUATE, _S.CLOSE), 60, False, urgent=None),
    _Scenario("urgent_closed", (*_HANDLED, _S.EVALUATE, _S.CLOSE), 3, False, urgent=True),
    _Scenario("urgent_in_progress", _HANDLED[:3], 1, True, (1, 1), urgent=True),
    _Scenario(
        "closed_without_evaluation", (*_HANDLED, _S.CLOSE), 16, False, urgent=None, min_age=25
    ),
    _Scenario(
        "answered_and_closed",
        (_S.ANSWER, _S.EVALUATE, _S.CLOSE),
        16,
        False,
        kinds=frozenset({Kind.CONSULTATION}),
        min_age=8,
    ),
    _Scenario(
        "closed_after_redo",
        (*_HANDLED[:4], _S.SEND_BACK, _S.RESULT, _S.PASS, _S.EVALUATE, _S.CLOSE),
        8,
        False,
    ),
    _Scenario(
        "closed_after_materials",
        (_S.MATERIALS, _S.SUPPLY, *_HANDLED[1:], _S.EVALUATE, _S.CLOSE),
        6,
        False,
    ),
    _Scenario(
        "closed_after_return",
        (_S.ACCEPT, _S.DISPATCH, _S.RETURN_REQUEST, _S.RETURN_APPROVE, *_HANDLED[2:], _S.CLOSE),
        6,
        False,
    ),
    _Scenario(
        "evaluated_after_return_refused",
        (_S.ACCEPT, _S.DISPATCH, _S.RETURN_REQUEST, _S.RETURN_REFUSE, *_HANDLED[2:], _S.EVALUATE),
        4,
        False,
    ),
    _Scenario(
        "closed_extended",
        (*_HANDLED[:3], _S.EXT_REQUEST, _S.EXT_APPROVE, *_HANDLED[3:], _S.EVALUATE, _S.CLOSE),
        6,
        False,
        kinds=_EXTENDABLE,
    ),
    _Scenario(
        "extension_refused",
        (*_HANDLED[:3], _S.EXT_REQUEST, _S.EXT_REFUSE, *_HANDLED[3:], _S.EVALUATE, _S.CLOSE),
        2,
        False,
        kinds=_EXTENDABLE,
    ),
)

_KIND_WEIGHTS = {
    Kind.CONSULTATION: 20,
    Kind.HELP_REQUEST: 14,
    Kind.FEEDBACK: 24,
    Kind.COMPLAINT: 20,
    Kind.TIP_OFF: 13,
    Kind.SUGGESTION: 9,
}
_CHANNEL_WEIGHTS = {
    Channel.WALK_IN: 40,
    Channel.PHONE: 30,
    Channel.WECHAT: 9,
    Channel.YUESHENGSHI: 6,
    Channel.SNAPSHOT: 5,
    Channel.LETTER: 3,
    Channel.SMS_WEB: 4,
    Channel.UPSTREAM: 3,
}
# Urgent items are threats to life, safety or basic supply (YJ12345 art. 9(2)).
_URGENT_KINDS = frozenset({Kind.HELP_REQUEST, Kind.FEEDBACK, Kind.TIP_OFF})


@dataclass
class _Plan:
    """Everything decided about one case before it is written."""

    scenario: _Scenario
    form: RegistrationForm
    topic_unit: str
    first_unit: str
    method: str
    outcome: str
    basis: str
    query_code: str
    clerk: int
    ground: RefusalGround
    level: Satisfaction
    intake_level: Satisfaction | None
    designated: bool
    texts: dict[str, str] = field(default_factory=dict)
    received_at: datetime | None = None


T = TypeVar("T")


def _weighted(rng: random.Random, weights: dict[T, int]) -> T:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class _Content:
    """The seeded generator of people, places and plans (nothing here touches the database)."""

    def __init__(self, seed: int, cases: int) -> None:
        self.rng = random.Random(seed)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)
        self.query_codes: set[str] = set()
        self.ids: set[str] = set()
        self.people = [self.person() for _ in range(max(20, cases * 3 // 4))]
        self.reported = [self.reported_unit() for _ in range(max(8, cases // 15))]
        self.levels_given = 0
        self.grounds_given = 0

    # --- people and places -----------------------------------------------------------------

    def resident_id(self, male: bool) -> str:
        while True:
            born = date(1950, 1, 1) + timedelta(days=self.rng.randrange(56 * 365))
            # GB 11643: the order code's last digit is odd for men, even for women.
            order = self.rng.randint(1, 499) * 2 + (1 if male else 0)
            body = f"{self.rng.choice(_REGION_PREFIXES)}{born:%Y%m%d}{order:03d}"
            # stdnum's calc_check_digit ignores the last character of what it is given.
            number = body + ric.calc_check_digit(body + "0")
            if number not in self.ids:
                self.ids.add(number)
                return number

    def mobile(self) -> str:
        return self.rng.choice(_MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"

    def landline(self) -> str:
        return f"0662-{self.rng.choice('2368')}{self.rng.randrange(10**6):06d}"

    def address(self) -> str:
        n = self.rng.randint(1, 168)
        if self.rng.random() < 0.45:
            return f"阳江市江城区{self.rng.choice(_CITY_ROADS)}{n}号"
        if self.rng.random() < 0.5:
            return f"镇区{self.rng.choice(_TOWN_STREETS)}{n}号"
        return f"{self.rng.choice(_VILLAGES)}委会{self.rng.randint(1, 12)}巷{n}号"

    def place(self) -> str:
        roll = self.rng.random()
        if roll < 0.3:
            return self.rng.choice(_LANDMARKS)
        if roll < 0.55:
            return f"{self.rng.choice(_VILLAGES)}村口"
        if roll < 0.8:
            return f"{self.rng.choice(_TOWN_STREETS)}{self.rng.randint(1, 120)}号"
        first, second = self.rng.sample(_CITY_ROADS, 2)
        return f"{first}与{second}交界处"

    def shop(self) -> str:
        return self.rng.choice(_SHOP_WORDS) + self.rng.choice(_SHOP_TYPES)

    def person(self) -> PersonInput:
        male = self.rng.random() < 0.5
        # Faker's zh_CN full names ignore sex; its given names do not, and the ID must agree.
        surname = self.rng.choice(_LOCAL_SURNAMES) if self.rng.random() < 0.8 else None
        given = self.fake.first_name_male() if male else self.fake.first_name_female()
        name = (surname or self.fake.last_name()) + given
        phone = self.landline() if self.rng.random() < 0.06 else self.mobile()
        return PersonInput(
            name=name, doc_number=self.resident_id(male), phone=phone, address=self.address()
        )

    def reported_unit(self) -> tuple[str, str]:
        n = self.rng.randint(1, 230)
        where = self.rng.choice(_CITY_ROADS + _TOWN_STREETS)
        prefix = "阳江市江城区" if where in _CITY_ROADS else "镇区"
        return self.shop(), f"{prefix}{where}{n}号"

    def query_code(self) -> str:
        # Seeded rather than secrets-based, so the same seed gives the same codes; the
        # database is empty, so uniqueness within this run is uniqueness in the table.
        while True:
            code = "".join(self.rng.choices(QUERY_CODE_ALPHABET, k=QUERY_CODE_LENGTH))
            if code not in self.query_codes:
                self.query_codes.add(code)
                return code

    # --- plans -----------------------------------------------------------------------------

    def scenario(self, index: int) -> _Scenario:
        # The first pass walks every scenario once so that even a small demo has every state.
        if index < len(_SCENARIOS):
            return _SCENARIOS[index]
        return self.rng.choices(_SCENARIOS, weights=[s.weight for s in _SCENARIOS])[0]

    def level(self) -> Satisfaction:
        if self.levels_given < len(_LEVELS):
            chosen = _LEVELS[self.levels_given]
        else:
            chosen = self.rng.choices(_LEVELS, cum_weights=_LEVEL_CUMULATIVE)[0]
        self.levels_given += 1
        return chosen

    def ground(self) -> RefusalGround:
        grounds = list(RefusalGround)
        chosen = grounds[self.grounds_given % len(grounds)]
        self.grounds_given += 1
        return chosen

    def plan(self, index: int, units_by_code: dict[str, int]) -> _Plan:
        rng = self.rng
        scenario = self.scenario(index)
        kinds = {
            k: w for k, w in _KIND_WEIGHTS.items() if scenario.kinds is None or k in scenario.kinds
        }
        if scenario.urgent:
            kinds = {k: w for k, w in kinds.items() if k in _URGENT_KINDS}
        kind = _weighted(rng, kinds)
        urgent = bool(scenario.urgent) or (
            scenario.urgent is None and kind in _URGENT_KINDS and rng.random() < 0.08
        )
        form, topic_unit, method, outcome, basis = self.facts(kind, urgent)
        form.priority = Priority.URGENT if urgent else Priority.NORMAL
        unit = topic_unit
        if _Step.RETURN_APPROVE in scenario.steps:
            # A return is approved because the first unit was the wrong one.
            unit = rng.choice([code for code in units_by_code if code != topic_unit])
        return _Plan(
            scenario=scenario,
            form=form,
            topic_unit=topic_unit,
            first_unit=unit,
            method=method,
            outcome=outcome,
            basis=basis,
            query_code=self.query_code(),
            clerk=rng.randrange(2),
            ground=self.ground() if _Step.REFUSE in scenario.steps else RefusalGround.REPEAT,
            level=self.level() if _Step.EVALUATE in scenario.steps else Satisfaction.SATISFIED,
            intake_level=(
                _weighted(rng, dict(zip(Satisfaction, _LEVEL_WEIGHTS, strict=True)))
                if form.channel is Channel.WALK_IN and rng.random() < 0.15
                else None
            ),
            designated=(
                _Step.RETURN_REQUEST not in scenario.steps
                and _Step.DISPATCH in scenario.steps
                and rng.random() < 0.05
            ),
            texts={
                "materials": "、".join(rng.sample(_MATERIALS, rng.randint(1, 3))),
                "return": (
                    rng.choice(_RETURN_REASONS_SOUND).format(unit=_UNIT_NAMES[topic_unit])
                    if _Step.RETURN_APPROVE in scenario.steps
                    else rng.choice(_RETURN_REASONS_WEAK)
                ),
                "extension": rng.choice(_EXTENSION_REASONS),
                "send_back": rng.choice(_SEND_BACK_COMMENTS),
                "contact": rng.choice(_CONTACT_NOTES),
            },
        )

    def facts(self, kind: Kind, urgent: bool) -> tuple[RegistrationForm, str, str, str, str]:
        """The registration form of one case, and its unit and result (unit, method, outcome, basis)."""
        rng = self.rng
        channel = _weighted(rng, _CHANNEL_WEIGHTS)
        place = self.place()
        form = RegistrationForm(kind=kind, content="", channel=channel)
        if kind is Kind.TIP_OFF:
            name, address = rng.choice(self.reported)
            form.reported_unit_name, form.reported_unit_address = name, address
            if rng.random() < 0.85:
                hazard = rng.choice(list(HazardCategory))
                form.hazard_category = hazard
                form.content = _HAZARD_REPORTS[hazard].format(name=name)
                unit = rng.choice(("XFDD", "XFDD", "YJB"))
                method, basis = "会同消防救援大队现场检查", "《中华人民共和国消防法》第六十条"
                outcome = rng.choice(_TIP_OFF_OUTCOMES).format(name=name)
            else:
                unit, text, basis = rng.choice(_OTHER_TIP_OFFS)
                form.content = text.format(name=name)
                method = "现场检查"
                outcome = "经现场检查，已责令停止违法行为，并依法立案调查。"
            form.request = "请依法查处。"
            form.evidence = rng.choice(("", "", "现场照片3张", "现场视频1段"))
        else:
            topics = [tp for tp in _TOPICS if tp.kind is kind and (tp.urgent_ok or not urgent)]
            topic = rng.choice(topics or [tp for tp in _TOPICS if tp.kind is kind])
            shop, shop_address = self.reported_unit()
            village, estate = rng.choice(_VILLAGES), rng.choice(_ESTATES)
            form.content = topic.content.format(
                place=place, village=village, shop=shop, estate=estate, age=rng.randint(30, 59)
            )
            # Where it happened is where the content says it happened.
            for key, where in (
                ("{shop}", shop_address),
                ("{estate}", estate),
                ("{village}", village),
            ):
                if key in topic.content:
                    place = where
            form.request = topic.request
            unit, method, outcome, basis = topic.unit, topic.method, topic.outcome, topic.basis
        if kind not in (Kind.CONSULTATION, Kind.SUGGESTION):
            form.place = form.reported_unit_address or place
            acute = ("{day}", "{day}上午", "{day}下午", "{day}晚上")
            lasting = ("近一周以来", "近一个月以来", "{day}以来")
            form.occurred = rng.choice(
                acute if kind is Kind.HELP_REQUEST or urgent else acute + lasting
            )
        form.submitters = self.submitters(kind, channel)
        return form, unit, method, outcome, basis

    def submitters(self, kind: Kind, channel: Channel) -> list[PersonInput]:
        rng = self.rng
        anonymous = {Kind.TIP_OFF: 0.4, Kind.CONSULTATION: 0.1, Kind.SUGGESTION: 0.2}.get(kind, 0.0)
        if channel is not Channel.WALK_IN and rng.random() < anonymous:
            return []
        joint = kind in (Kind.COMPLAINT, Kind.TIP_OFF, Kind.FEEDBACK) and rng.random() < 0.1
        chosen = rng.sample(self.people, rng.randint(2, 3) if joint else 1)
        if channel in (Channel.PHONE, Channel.WECHAT, Channel.SMS_WEB) and rng.random() < 0.35:
            # Callers often give a name and number but no document: a record of its own.
            return [PersonInput(name=p.name, doc_type=None, phone=p.phone) for p in chosen]
        return chosen


# ----- simulated time -------------------------------------------------------------------------

_MORNING = (time(8, 30), time(12, 0))
_AFTERNOON = (time(14, 30), time(17, 30))
_OFFICE_MINUTES = 390
_INTAKE_EVALUATION_DELAY = timedelta(minutes=3)


class _Clock:
    """Office-hours arithmetic on the real working-day calendar, never past ``now``."""

    def __init__(self, svc: Services, seed: int, now: datetime) -> None:
        self.calendar = svc.calendar
        self.rng = random.Random(seed * 7919 + 1)
        self.now = now
        self.zone = now.tzinfo

    def at(self, day: date, minute: int) -> datetime:
        """The ``minute``-th minute of office time on ``day`` (morning first)."""
        morning = (
            (_MORNING[1].hour - _MORNING[0].hour) * 60 + _MORNING[1].minute - _MORNING[0].minute
        )
        start, offset = (
            (_MORNING[0], minute) if minute < morning else (_AFTERNOON[0], minute - morning)
        )
        return datetime.combine(day, start, self.zone) + timedelta(minutes=offset)

    def office_time(self, day: date) -> datetime:
        return self.at(day, self.rng.randrange(_OFFICE_MINUTES))

    def next_working_day(self, day: date) -> date:
        day += timedelta(days=1)
        while not self.calendar.is_working_day(day):
            day += timedelta(days=1)
        return day

    def working_days_before(self, day: date, n: int) -> date:
        while n > 0:
            day -= timedelta(days=1)
            if self.calendar.is_working_day(day):
                n -= 1
        return day

    def office_later(self, start: datetime, lo: int, hi: int) -> datetime:
        """``start`` plus lo–hi minutes of office time (evenings, lunch and rest days skipped)."""
        minutes = self.rng.randint(lo, hi)
        current = start
        while True:
            day, clock = current.date(), current.timetz().replace(tzinfo=None)
            if not self.calendar.is_working_day(day) or clock >= _AFTERNOON[1]:
                current = datetime.combine(self.next_working_day(day), _MORNING[0], self.zone)
                continue
            if clock < _MORNING[0]:
                current = datetime.combine(day, _MORNING[0], self.zone)
                continue
            if _MORNING[1] <= clock < _AFTERNOON[0]:
                current = datetime.combine(day, _AFTERNOON[0], self.zone)
                continue
            end = _MORNING[1] if clock < _MORNING[1] else _AFTERNOON[1]
            left = int((datetime.combine(day, end, self.zone) - current).total_seconds() // 60)
            if minutes <= left:
                return current + timedelta(minutes=minutes)
            minutes -= left
            current = datetime.combine(day, end, self.zone)

    def days_later(self, start: datetime, lo: int, hi: int) -> datetime:
        day = self.calendar.add_working_days(start.date(), self.rng.randint(lo, hi)).day
        return max(self.office_time(day), start + timedelta(minutes=10))

    def wall_later(self, start: datetime, lo: int, hi: int) -> datetime:
        return start + timedelta(minutes=self.rng.randint(lo, hi))

    def fit(self, candidate: datetime, previous: datetime) -> datetime:
        """The candidate time, or a point between the previous step and now when it lies ahead."""
        fraction = self.rng.random()  # drawn every time so the sequence never depends on now
        if candidate <= self.now:
            return candidate
        return previous + (self.now - previous) * (0.2 + 0.75 * fraction)

    def received_at(self, scenario: _Scenario) -> datetime:
        today = self.now.date()
        stale = self.rng.random() < 0.2
        back = self.rng.randint(*scenario.back) + (self.rng.randint(10, 25) if stale else 0)
        past = today - timedelta(days=self.rng.randint(scenario.min_age, HISTORY_DAYS - 5))
        if scenario.recent:
            # Mostly fresh; a fifth lie untouched long enough to be overdue now.
            day = self.working_days_before(today, back)
        else:
            day = past if self.calendar.is_working_day(past) else self.next_working_day(past)
        return self.office_time(day)


# ----- building ---------------------------------------------------------------------------------


class _Builder:
    def __init__(
        self, svc: Services, seed: int, actors: dict[str, Actor], unit_ids: dict[str, int]
    ) -> None:
        self.svc = svc
        self.clock = _Clock(svc, seed, svc.now())
        self.rng = random.Random(seed * 104729 + 3)
        self.admin = actors["admin"]
        self.supervisor = actors["zhang.supervisor"]
        self.clerks = (actors["li.clerk"], actors["chen.clerk"])
        self.unit_ids = unit_ids
        self.done: list[int] = []

    def run(self, plan: _Plan, uow: UnitOfWork) -> Case:
        assert plan.received_at is not None
        clerk = self.clerks[plan.clerk]
        case = self.register(uow, plan, clerk)
        at = plan.received_at
        if plan.intake_level is not None:
            at += _INTAKE_EVALUATION_DELAY
        for step in plan.scenario.steps:
            at = self.step(step, case, plan, clerk, at)
        return case

    def register(self, uow: UnitOfWork, plan: _Plan, clerk: Actor) -> Case:
        clerk.require(Action.REGISTER)
        now = plan.received_at
        assert now is not None
        form = plan.form
        profile = self.svc.profile_in_force(uow, now.date())
        people = [resolve_person(uow, p, i) for i, p in enumerate(form.submitters)]
        sequence = uow.next_sequence(f"case:{now:%Y%m%d}")
        occurred_day = now.date() - timedelta(days=self.rng.randint(0, 6))
        case = Case.register(
            rules=CaseRules(profile, self.clock.calendar),
            actor_id=clerk.user_id,
            now=now,
            number=format_case_number(DEMO_CENTRE_CODE, now.date(), sequence),
            query_code=plan.query_code,
            kind=form.kind,
            priority=form.priority,
            channel=form.channel,
            profile_key=profile.key,
            occurred=form.occurred.format(
                day=f"{occurred_day.year}年{occurred_day.month}月{occurred_day.day}日"
            ),
            place=form.place,
            content=form.content,
            request=form.request,
            submitters=people,
            reported_unit_name=form.reported_unit_name,
            reported_unit_address=form.reported_unit_address,
            hazard_category=form.hazard_category,
            evidence=form.evidence,
        )
        uow.session.add(case)
        if plan.intake_level is not None:
            clerk.require(Action.RECORD_EVALUATION)
            case.record_evaluation(
                plan.intake_level,
                stage=EvaluationStage.INTAKE,
                method=ContactMethod.COUNTER,
                comment="",
                actor_id=clerk.user_id,
                now=now + _INTAKE_EVALUATION_DELAY,
            )
        return case

    def step(self, step: _Step, case: Case, plan: _Plan, clerk: Actor, at: datetime) -> datetime:
        """Run one step at a simulated time after ``at``; returns that time."""
        clock, svc = self.clock, self.svc
        urgent = case.priority is Priority.URGENT
        rules = svc.rules_for(case)
        lead, who = self.supervisor, clerk.user_id
        match step:
            case _Step.MATERIALS:
                now = clock.fit(clock.office_later(at, 10, 90), at)
                clerk.require(Action.REQUEST_MATERIALS)
                items = plan.texts["materials"].split("、")
                case.request_materials(items, rules=rules, actor_id=who, now=now)
            case _Step.SUPPLY:
                now = clock.fit(clock.days_later(at, 1, 4), at)
                clerk.require(Action.SUPPLY_MATERIALS)
                case.supply_materials("已补齐材料", rules=rules, actor_id=who, now=now)
            case _Step.WITHDRAW:
                now = clock.fit(clock.days_later(at, 6, 9), at)
                clerk.require(Action.WITHDRAW)
                case.withdraw_for_missing_materials(actor_id=who, now=now)
            case _Step.REFUSE:
                now = clock.fit(clock.office_later(at, 10, 120), at)
                clerk.require(Action.REFUSE)
                ground = plan.ground
                related = self.rng.choice(self.done) if self.done else None
                if ground is RefusalGround.REPEAT and related is None:
                    ground = RefusalGround.UNLAWFUL_OR_NO_REQUEST
                case.refuse(
                    ground,
                    _GROUND_REASONS[ground],
                    actor_id=who,
                    now=now,
                    related_case_id=related if ground is RefusalGround.REPEAT else None,
                )
            case _Step.ACCEPT:
                later = clock.wall_later(at, 1, 3) if urgent else clock.office_later(at, 3, 40)
                now = clock.fit(later, at)
                clerk.require(Action.ACCEPT)
                case.accept(rules=rules, actor_id=who, now=now)
            case _Step.ANSWER:
                now = clock.fit(clock.office_later(at, 5, 20), at)
                clerk.require(Action.ANSWER_AT_ONCE)
                case.answer_at_once(plan.outcome, actor_id=who, now=now)
            case _Step.DISPATCH:
                if urgent:
                    later = clock.wall_later(at, 2, 6)
                elif self.rng.random() < 0.06:
                    later = clock.days_later(at, 2, 3)  # a slip: dispatched late
                else:
                    later = clock.office_later(at, 15, 300)
                now = clock.fit(later, at)
                clerk.require(Action.DISPATCH)
                case.dispatch(
                    self.unit_ids[plan.first_unit],
                    rules=rules,
                    actor_id=who,
                    now=now,
                    designated=plan.designated,
                    unit_name=_UNIT_NAMES[plan.first_unit],
                )
            case _Step.RETURN_REQUEST:
                now = clock.fit(clock.office_later(at, 30, 480), at)
                clerk.require(Action.REQUEST_RETURN)
                case.request_return(
                    plan.texts["return"],
                    "镇党政机构职能配置方案",
                    rules=rules,
                    actor_id=who,
                    now=now,
                )
            case _Step.RETURN_APPROVE:
                now = clock.fit(clock.office_later(at, 30, 240), at)
                lead.require(Action.DECIDE_RETURN)
                case.approve_return(
                    self.unit_ids[plan.topic_unit],
                    "同意退回，改派职责单位办理",
                    rules=rules,
                    actor_id=lead.user_id,
                    now=now,
                    unit_name=_UNIT_NAMES[plan.topic_unit],
                )
            case _Step.RETURN_REFUSE:
                now = clock.fit(clock.office_later(at, 30, 240), at)
                lead.require(Action.DECIDE_RETURN)
                case.refuse_return(
                    "该事项属于本单位职责范围，请继续办理。", actor_id=lead.user_id, now=now
                )
            case _Step.CONTACT:
                if urgent:
                    later = clock.wall_later(at, 5, 45)
                elif self.rng.random() < 0.08:
                    later = clock.days_later(at, 2, 3)  # contacted late
                else:
                    later = clock.office_later(at, 20, 360)
                now = clock.fit(later, at)
                clerk.require(Action.RECORD_CONTACT)
                method = self.rng.choice(
                    (ContactMethod.PHONE, ContactMethod.PHONE, ContactMethod.SMS)
                )
                case.record_contact(method, plan.texts["contact"], actor_id=who, now=now)
            case _Step.EXT_REQUEST:
                deadline = case.deadlines[DeadlineKind.COMPLETION]
                rule = rules.profile.completion_rule(case.kind, case.priority)
                room = (rule.max_working_days or deadline.amount + 5) - deadline.amount
                day = clock.calendar.add_working_days(
                    deadline.starts_at.date(), self.rng.randint(1, max(1, deadline.amount - 2))
                ).day
                candidate = max(clock.office_time(day), clock.office_later(at, 10, 60))
                now = clock.fit(candidate, at)
                clerk.require(Action.REQUEST_EXTENSION)
                case.request_extension(
                    self.rng.randint(min(2, room), room),
                    plan.texts["extension"],
                    "须现场勘查并组织相关部门会商，按办理程序需延长期限",
                    rules=rules,
                    actor_id=who,
                    now=now,
                )
            case _Step.EXT_APPROVE | _Step.EXT_REFUSE:
                now = clock.fit(clock.office_later(at, 60, 900), at)
                lead.require(Action.DECIDE_EXTENSION)
                approve = step is _Step.EXT_APPROVE
                case.decide_extension(
                    approve,
                    "同意延期" if approve else "延期理由不充分，请按原时限办结。",
                    rules=rules,
                    actor_id=lead.user_id,
                    now=now,
                )
            case _Step.RESULT:
                now = clock.fit(self.result_time(case, at), at)
                clerk.require(Action.SUBMIT_RESULT)
                case.submit_result(
                    handled_at=at + (now - at) * 0.7,
                    method=plan.method,
                    outcome=plan.outcome,
                    basis=plan.basis,
                    actor_id=who,
                    now=now,
                )
            case _Step.SEND_BACK | _Step.PASS:
                now = clock.fit(clock.office_later(at, 30, 900), at)
                lead.require(Action.REVIEW)
                passed = step is _Step.PASS
                comment = "" if passed else plan.texts["send_back"]
                case.review(passed, comment, actor_id=lead.user_id, now=now)
            case _Step.EVALUATE:
                now = clock.fit(clock.days_later(at, 1, 3), at)
                clerk.require(Action.RECORD_EVALUATION)
                case.record_evaluation(
                    plan.level,
                    stage=EvaluationStage.AFTER_HANDLING,
                    method=ContactMethod.PHONE,
                    comment=_EVALUATION_COMMENTS[plan.level],
                    actor_id=who,
                    now=now,
                )
            case _Step.CLOSE:
                now = clock.fit(clock.days_later(at, 1, 5), at)
                clerk.require(Action.CLOSE)
                case.close(actor_id=who, now=now)
        return now

    def result_time(self, case: Case, at: datetime) -> datetime:
        """Mostly within the completion period, now and then a few days late; a redo is quick."""
        if case.results:
            return self.clock.days_later(at, 1, 3)
        deadline = case.deadlines[DeadlineKind.COMPLETION]
        amount = deadline.amount
        late = self.rng.random() < 0.08
        n = (
            amount + self.rng.randint(1, 3)
            if late
            else self.rng.randint(max(1, amount // 3), amount)
        )
        day = self.clock.calendar.add_working_days(deadline.starts_at.date(), n).day
        return max(self.clock.office_time(day), self.clock.office_later(at, 30, 240))


# ----- reward claims of the fire-hazard tip-offs (RULES §4) -------------------------------------

# The share of the older fire-hazard tip-offs that get a claim (every one still in hand does):
# most of those that can earn an award, fewer of the rest, so that the 已结束 queue is not all
# refusals (half the demo's tip-offs give no evidence, FIRE art. 8).
_REWARD_SHARE = {True: 0.9, False: 0.5}
# What the brigade does about a hazard it found (消防法 art. 60: units 5,000–50,000 yuan; a
# warning carries no fine but still earns the 100-yuan minimum, RULES §4.3), in fen.
_FINES_FEN = {
    0: 8,
    500_000: 30,
    800_000: 12,
    1_000_000: 18,
    1_500_000: 8,
    2_000_000: 10,
    3_000_000: 8,
    5_000_000: 6,
}
_NOTICE_WEIGHTS = {
    NoticeMethod.PHONE: 50,
    NoticeMethod.SMS: 20,
    NoticeMethod.IN_PERSON: 15,
    NoticeMethod.POST: 15,
}
_UNREACHABLE_REASONS = (
    "按登记的手机号码多次拨打均为空号，邮寄的领奖通知书被退回（查无此人）。",
    "连续多日拨打举报人电话无人接听，短信未获回复，登记地址无人居住。",
)
# FIRE art. 12: what the supervisor found, by the evidence the report came with.
_FRAUD_REASONS = {
    "照片": "审批时发现举报所附现场照片系从网络下载，举报人承认虚构部分举报事实。",
    "": "经消防救援大队复查，举报人与被举报单位负责人串通，故意设置隐患后举报，骗取奖励。",
}


class _End(StrEnum):
    """Where a claim's life leads; steps still ahead of "now" are left undone."""

    PAID = "paid"
    WAIVED = "waived"
    CANCELLED = "cancelled"
    FRAUDULENT = "fraudulent"
    REFUSED = "refused"  # not eligible, told so


_END_WEIGHTS = {
    _End.PAID: 72,
    _End.WAIVED: 8,
    _End.CANCELLED: 6,
    _End.FRAUDULENT: 3,
    _End.REFUSED: 11,
}
# The queues a demo must fill, hardest first: the first four need an award notified recently.
_PENDING_STAGES = (
    Stage.TO_PAY,
    Stage.TO_APPROVE,
    Stage.DUE_TO_EXPIRE,
    Stage.NOTIFIED,
    Stage.TO_NOTIFY,
    Stage.TO_DECIDE,
)
_AWARDED_STAGES = frozenset({Stage.TO_PAY, Stage.TO_APPROVE, Stage.DUE_TO_EXPIRE, Stage.NOTIFIED})
# Tip-off cases whose claim can be registered: accepted, and not refused or withdrawn (FIRE art. 9).
_CLAIMABLE_STATES = frozenset(CaseState) - {
    CaseState.REGISTERED,
    CaseState.AWAITING_MATERIALS,
    CaseState.NOT_ACCEPTED,
    CaseState.WITHDRAWN,
}


class _Do(StrEnum):
    OPEN = "open"
    VERIFY = "verify"
    DECIDE = "decide"
    NOTIFY = "notify"
    CLAIM = "claim"
    APPROVE = "approve"
    PAY = "pay"
    EXPIRE = "expire"  # the program's own run on start (FIRE art. 10)
    CANCEL = "cancel"
    FRAUD = "fraud"


@dataclass
class _Tip:
    """A fire-hazard tip-off as the reward phase sees it, and what the brigade will find."""

    case_id: int
    opened_at: datetime  # the claim is registered right after the case is accepted
    reporters: list[tuple[int, str]]  # (person id, ID number) in signing order
    evidence: str
    handled_at: datetime | None  # the unit's check on site; None while the case is in hand
    found: bool  # the check found the hazard (the case's result says so)
    penalty: bool = False
    fine_fen: int = 0

    @property
    def awardable(self) -> bool:
        """Every condition of FIRE art. 5–8 the demo can know holds: real name, evidence, penalty."""
        return self.could_award and self.penalty

    @property
    def could_award(self) -> bool:
        """Awardable if the brigade imposes a penalty (a warning at least) for what it found."""
        return bool(self.reporters) and bool(self.evidence) and self.found

    def penalise(self) -> None:
        if not self.penalty:
            self.penalty, self.fine_fen = True, 0  # a warning (警告) with the order to rectify

    def check_day(self) -> date:
        assert self.handled_at is not None
        return self.handled_at.date()


@dataclass
class _Claim:
    """One claim's plan: the brigade's filing and the dated steps of its life."""

    tip: _Tip
    known: bool = False  # the brigade knew the clue already (FIRE art. 8): not eligible
    closing: date | None = None
    filed: date | None = None
    penalty_day: date | None = None
    steps: list[tuple[datetime, _Do, int | None]] = field(default_factory=list)  # …, person id

    def add(self, at: datetime, do: _Do, person_id: int | None = None) -> None:
        self.steps.append((at, do, person_id))


def _stopped(moment: datetime) -> Callable[[], datetime]:
    """A clock that shows ``moment``: the services read the simulated time from ``svc.clock``."""
    return lambda: moment


class _Rewards:
    """Drives the demo's fire-hazard tip-offs through the reward services at simulated times.

    Runs after the cases, with random generators of its own, so that adding it changed none of
    the cases. A few claims are placed so that every queue of the 奖励 page has one at "now" and
    every end appears; the others live forward from the brigade's check, and whatever would
    happen after "now" is left undone. All steps then run in time order, as at the counter.
    """

    def __init__(self, svc: Services, seed: int, actors: dict[str, Actor], now: datetime) -> None:
        self.svc = svc
        self.now = now
        self.today = now.date()
        self.clock = _Clock(svc, seed, now)
        self.clock.rng = random.Random(seed * 6151 + 7)
        self.rng = random.Random(seed * 3571 + 11)
        self.calendar = svc.calendar
        self.admin = actors["admin"]
        self.supervisor = actors["zhang.supervisor"]
        self.clerks = (actors["li.clerk"], actors["chen.clerk"])

    # --- what there is to reward ---------------------------------------------------------------

    def tips(self) -> list[_Tip]:
        """The accepted fire-hazard tip-offs in received order, real-name ones with an ID number."""
        c, s, p, r = t.cases.c, t.case_submitters.c, t.persons.c, t.results.c
        e = t.events.c
        with self.svc.uow(write=False) as uow:
            cases = uow.session.execute(
                select(c.id, c.evidence)
                .where(
                    c.kind == Kind.TIP_OFF,
                    c.hazard_category.is_not(None),
                    c.state.in_(list(_CLAIMABLE_STATES)),
                )
                .order_by(c.received_at, c.id)
            ).all()
            ids = [row.id for row in cases]
            accepted = dict(
                uow.session.execute(
                    select(e.case_id, func.min(e.at))
                    .where(e.case_id.in_(ids), e.action == "accept")
                    .group_by(e.case_id)
                ).all()
            )
            reporters: dict[int, list[tuple[int, str | None]]] = {}
            for case_id, person_id, number in uow.session.execute(
                select(s.case_id, p.id, p.doc_number)
                .join(t.persons, p.id == s.person_id)
                .where(s.case_id.in_(ids))
                .order_by(s.case_id, s.position)
            ):
                reporters.setdefault(case_id, []).append((person_id, number))
            results: dict[int, tuple[datetime, str]] = {}
            for case_id, handled_at, outcome in uow.session.execute(
                select(r.case_id, r.handled_at, r.outcome)
                .where(r.case_id.in_(ids))
                .order_by(r.case_id, r.submitted_at)
            ):
                results[case_id] = (handled_at, outcome)  # the last result is the one that holds
        tips = []
        for row in cases:
            people = reporters.get(row.id, [])
            if any(not number for _, number in people) or row.id not in accepted:
                continue  # FIRE art. 9: a named reporter without an ID number cannot claim
            handled_at, outcome = results.get(row.id, (None, ""))
            tip = _Tip(
                case_id=row.id,
                opened_at=self.clock.office_later(accepted[row.id], 5, 60),
                reporters=[(person_id, number or "") for person_id, number in people],
                evidence=row.evidence.strip(),
                handled_at=handled_at,
                found=handled_at is not None and "未发现" not in outcome,
            )
            if tip.found:
                # 责令限期改正 alone is no penalty (FIRE art. 5); a warning is one, without a fine.
                tip.penalty = "立案处罚" in outcome or self.rng.random() < 0.6
                tip.fine_fen = _weighted(self.rng, _FINES_FEN) if tip.penalty else 0
            if tip.opened_at <= self.now:
                tips.append(tip)
        return tips

    # --- plans -----------------------------------------------------------------------------------

    def plan(self, tips: list[_Tip]) -> list[_Claim]:
        free = [tip for tip in tips if tip.handled_at is not None]
        claims: list[_Claim] = []
        # The open queues, each from a tip-off whose check fits the dates (if the demo has one):
        # a penalty procedure mostly ends within half a year, now and then (a review, a lawsuit)
        # within a year.
        for stage in _PENDING_STAGES:
            claim = self.placed(free, stage, 180) or self.placed(free, stage, 365)
            if claim is not None:
                claims.append(claim)
                free.remove(claim.tip)
        # Every end, from a tip-off old enough for its whole life to have happened.
        for end in (_End.PAID, _End.WAIVED, _End.CANCELLED, _End.FRAUDULENT, _End.REFUSED):
            for tip in self.shuffled(free, keep_awardable=end is _End.REFUSED):
                if end is not _End.REFUSED and not tip.could_award:
                    continue
                claim = self.forward(tip, end)
                if claim.steps[-1][0] <= self.now:
                    if end is _End.PAID:
                        tip.penalty, tip.fine_fen = True, 0  # a warning: the minimum award
                    elif end is not _End.REFUSED:
                        tip.penalise()
                    claims.append(claim)
                    free.remove(tip)
                    break
        # The rest live on from their check; those still in hand wait for the brigade.
        for tip in tips:
            if tip.handled_at is None:
                claim = _Claim(tip)
                claim.add(tip.opened_at, _Do.OPEN)
                claims.append(claim)
            elif tip in free and self.rng.random() < _REWARD_SHARE[tip.awardable]:
                end = _weighted(self.rng, _END_WEIGHTS) if tip.awardable else _End.REFUSED
                claim = self.forward(tip, end)
                claim.steps = [step for step in claim.steps if step[0] <= self.now]
                claims.append(claim)
        return claims

    def placed(self, free: list[_Tip], stage: Stage, longest: int) -> _Claim | None:
        """A claim at ``stage`` now from one of the free tips, if the dates of one allow it."""
        awarded = stage in _AWARDED_STAGES
        for tip in self.shuffled(free, keep_awardable=not awarded):
            if awarded and not tip.could_award:
                continue
            claim = self.backward(tip, stage, longest)
            if claim is not None:
                if awarded:
                    tip.penalise()
                return claim
        return None

    def shuffled(self, tips: list[_Tip], *, keep_awardable: bool = False) -> list[_Tip]:
        """The tips in a seeded order; the awardable ones last when another will do."""
        mixed = self.rng.sample(tips, len(tips))
        return sorted(mixed, key=lambda tip: tip.awardable) if keep_awardable else mixed

    def brigade(self, claim: _Claim, closing: date, *, forward: bool, longest: int = 0) -> bool:
        """The penalty decision and the case's closing; False when the dates cannot fit the check."""
        tip = claim.tip
        checked = tip.check_day()
        if forward:
            penalty_day = checked + timedelta(days=self.rng.randint(5, 30))
            # A hazard found is penalised or re-inspected after the order to rectify; then closed.
            closing = (
                penalty_day + timedelta(days=self.rng.randint(0, 20)) if tip.found else checked
            )
        else:
            penalty_day = closing - timedelta(days=self.rng.randint(0, 10))
            # A penalty procedure takes months; a check that found nothing is closed soon.
            if not (tip.could_award or tip.penalty):
                longest = 60 if tip.found else 20
            if not checked + timedelta(days=3) <= penalty_day <= checked + timedelta(days=longest):
                return False
        claim.closing, claim.penalty_day = closing, penalty_day
        return True

    def office(self, day: date) -> datetime:
        """An office time on ``day``, before now when ``day`` is today."""
        if day < self.today:
            return self.clock.office_time(day)
        elapsed = 0
        for begin, end in (_MORNING, _AFTERNOON):
            first = datetime.combine(day, begin, self.now.tzinfo)
            last = min(self.now, datetime.combine(day, end, self.now.tzinfo))
            elapsed += max(0, int((last - first).total_seconds() // 60))
        assert elapsed > 0  # today only when some of its office hours are past
        return self.clock.at(day, self.rng.randrange(elapsed))

    def last_office_day(self) -> date:
        """Today when some of its office hours are past, else the working day before."""
        opening = datetime.combine(self.today, _MORNING[0], self.now.tzinfo) + timedelta(minutes=5)
        if self.calendar.is_working_day(self.today) and self.now >= opening:
            return self.today
        return self.clock.working_days_before(self.today, 1)

    def collect_by(self, notice_day: date) -> date:
        return self.calendar.add_natural_days(notice_day, 30).day

    def backward(self, tip: _Tip, stage: Stage, longest: int) -> _Claim | None:
        """A claim that stands at ``stage`` now, its earlier steps counted back from today; None
        when the penalty would come more than ``longest`` days after the check."""
        before, rng = self.clock.working_days_before, self.rng
        last = self.last_office_day()
        claimed = approved = notified = decided = filed = None
        match stage:
            case Stage.TO_DECIDE:
                filed = before(last, rng.randint(0, 5))
            case Stage.TO_NOTIFY:
                decided = before(last, rng.randint(0, 2))
            case Stage.NOTIFIED:
                notified = before(last, rng.randint(0, 10))
                if self.collect_by(notified) - self.today <= timedelta(days=DUE_SOON_DAYS):
                    return None
            case Stage.DUE_TO_EXPIRE:
                days = [
                    day
                    for n in range(20, 31)
                    if self.calendar.is_working_day(day := self.today - timedelta(days=n))
                    and timedelta(0)
                    <= self.collect_by(day) - self.today
                    <= timedelta(days=DUE_SOON_DAYS)
                ]
                if not days:
                    return None
                notified = rng.choice(days)
            case Stage.TO_APPROVE:
                claimed = before(last, rng.randint(0, 1))
                notified = before(claimed, rng.randint(2, 10))
            case Stage.TO_PAY:
                approved = before(last, rng.randint(0, 1))
                claimed = before(approved, rng.randint(1, 2))
                notified = before(claimed, rng.randint(1, 8))
        if claimed is not None and notified is not None and claimed > self.collect_by(notified):
            return None
        if notified is not None:
            decided = before(notified, rng.randint(1, 3))
        if decided is not None:
            filed = before(decided, rng.randint(1, 8))
        assert filed is not None
        claim = _Claim(tip, filed=filed)
        if not self.brigade(
            claim, before(filed, rng.randint(2, 12)), forward=False, longest=longest
        ):
            return None
        claim.add(tip.opened_at, _Do.OPEN)
        claim.add(self.office(filed), _Do.VERIFY)
        if decided is not None:
            claim.add(self.office(decided), _Do.DECIDE)
        if notified is not None:
            claim.add(self.office(notified), _Do.NOTIFY)
        if claimed is not None:
            for person_id, _ in tip.reporters:
                claim.add(self.office(claimed), _Do.CLAIM, person_id)
        if approved is not None:
            for person_id, _ in tip.reporters:
                claim.add(self.office(approved), _Do.APPROVE, person_id)
        claim.steps.sort(key=lambda step: step[0])  # shares seen on one day, in time order
        return claim

    def forward(self, tip: _Tip, end: _End) -> _Claim:
        """The whole life of a claim from the brigade's check to ``end``, whenever that falls."""
        rng, clock, calendar = self.rng, self.clock, self.calendar
        claim = _Claim(tip, known=end is _End.REFUSED and tip.awardable)
        self.brigade(claim, tip.check_day(), forward=True)
        assert claim.closing is not None
        late = rng.random() < 0.08  # the brigade files after its 15 working days now and then
        filed = calendar.add_working_days(
            claim.closing, rng.randint(16, 20) if late else rng.randint(2, 14)
        ).day
        decided = calendar.add_working_days(filed, rng.randint(1, 8)).day
        notified = calendar.add_working_days(decided, rng.randint(1, 3)).day
        claim.filed = filed
        claim.add(tip.opened_at, _Do.OPEN)
        claim.add(clock.office_time(filed), _Do.VERIFY)
        claim.add(clock.office_time(decided), _Do.DECIDE)
        if end is _End.CANCELLED:
            # Nobody could be reached; the clerk cancels once the period after closing is over.
            due = calendar.add_natural_days(claim.closing, 30).day
            day = max(due, calendar.add_working_days(decided, 3).day)
            claim.add(clock.office_time(clock.next_working_day(day)), _Do.CANCEL)
            return claim
        notice = clock.office_time(notified)
        claim.add(notice, _Do.NOTIFY)
        if end is _End.REFUSED:
            return claim
        collect_by = self.collect_by(notified)
        expire = datetime.combine(
            clock.next_working_day(collect_by), time(8, rng.randint(0, 25)), self.now.tzinfo
        )
        if end is _End.WAIVED:
            claim.add(expire, _Do.EXPIRE)
            return claim
        comers = tip.reporters
        if end is _End.PAID and len(comers) > 1 and rng.random() < 0.3:
            comers = comers[:-1]  # one of a joint report never comes: that share is waived
            claim.add(expire, _Do.EXPIRE)
        last = notice
        for person_id, _ in comers:
            day = calendar.add_working_days(notified, rng.randint(1, 12)).day
            if day > collect_by:
                day = clock.next_working_day(notified)
            came = clock.office_time(day)
            claim.add(came, _Do.CLAIM, person_id)
            last = max(last, came)
            if end is _End.PAID:
                approved = clock.office_later(came, 20, 600)
                claim.add(approved, _Do.APPROVE, person_id)
                claim.add(clock.office_later(approved, 30, 900), _Do.PAY, person_id)
        if end is _End.FRAUDULENT:
            claim.add(clock.office_later(last, 60, 1200), _Do.FRAUD)
        claim.steps.sort(key=lambda step: step[0])
        return claim

    # --- running the plans -----------------------------------------------------------------------

    def run(self) -> None:
        claims = self.plan(self.tips())
        numbers = self.decision_numbers(claims)
        steps = sorted(
            (at, index, order, do, person_id)
            for index, claim in enumerate(claims)
            for order, (at, do, person_id) in enumerate(claim.steps)
        )
        vouchers: Counter[int] = Counter()
        try:
            for at, index, _, do, person_id in steps:
                self.svc.clock = _stopped(at)
                self.act(claims[index], do, person_id, numbers, vouchers)
            # As the program does on start, so the demo opens as it will be seen.
            self.svc.clock = _stopped(self.now)
            rewards.expire_overdue(self.svc)
        finally:
            self.svc.clock = _stopped(self.now)

    def decision_numbers(self, claims: list[_Claim]) -> dict[int, str]:
        """Penalty decision numbers of the brigade, in date order within each year; the
        brigade numbers all its penalties, so those of tip-offs start a little way in."""
        penalised = sorted(
            (claim.penalty_day, claim.tip.case_id)
            for claim in claims
            if claim.tip.penalty
            and claim.penalty_day is not None
            and any(do is _Do.VERIFY for _, do, _ in claim.steps)
        )
        per_year: Counter[int] = Counter()
        numbers = {}
        for day, case_id in penalised:
            per_year[day.year] += 1
            numbers[case_id] = f"阳江消行罚决字〔{day.year}〕{per_year[day.year] + 40:04d}号"
        return numbers

    def act(
        self,
        claim: _Claim,
        do: _Do,
        person_id: int | None,
        numbers: dict[int, str],
        vouchers: Counter[int],
    ) -> None:
        svc, tip, rng = self.svc, claim.tip, self.rng
        case_id = tip.case_id
        clerk = self.clerks[rng.randrange(2)]
        match do:
            case _Do.OPEN:
                rewards.open_claim(svc, clerk, case_id)
            case _Do.VERIFY:
                assert claim.closing is not None and claim.filed is not None
                rewards.record_verification(
                    svc,
                    clerk,
                    case_id,
                    Verification(
                        verified=tip.found,
                        penalty_imposed=tip.penalty,
                        decision_number=numbers.get(case_id, ""),
                        decision_date=claim.penalty_day if tip.penalty else None,
                        fine_fen=tip.fine_fen,
                        brigade=_UNIT_NAMES["XFDD"],
                        closing_date=claim.closing,
                        filed_on=claim.filed,
                    ),
                )
            case _Do.DECIDE:
                rewards.decide(
                    svc,
                    self.supervisor,
                    case_id,
                    clue_already_known=claim.known,
                    already_under_investigation=False,
                )
            case _Do.NOTIFY:
                method = (
                    _weighted(rng, _NOTICE_WEIGHTS) if tip.reporters else NoticeMethod.QUERY_CODE
                )
                delivered = svc.now() - timedelta(minutes=rng.randint(3, 30))
                rewards.notify(svc, clerk, case_id, method, delivered)
            case _Do.CLAIM:
                assert person_id is not None
                number = dict(tip.reporters)[person_id]
                rewards.claim_share(svc, clerk, case_id, person_id, number)
            case _Do.APPROVE:
                assert person_id is not None
                rewards.approve_share(svc, self.admin, case_id, person_id)  # not the decider
            case _Do.PAY:
                assert person_id is not None
                today = svc.now().date()
                vouchers[today.year] += 1
                rewards.pay_share(
                    svc,
                    clerk,
                    case_id,
                    person_id,
                    paid_on=today,
                    method=PaymentMethod.BANK_TRANSFER
                    if rng.random() < 0.4
                    else PaymentMethod.CASH,
                    voucher_number=f"江城便民奖〔{today.year}〕{vouchers[today.year]:03d}号",
                )
            case _Do.EXPIRE:
                rewards.expire_overdue(svc)
            case _Do.CANCEL:
                try:
                    rewards.cancel_unreachable(
                        svc, clerk, case_id, rng.choice(_UNREACHABLE_REASONS)
                    )
                except TransitionError:
                    # The program's own run on an earlier morning may have cancelled it already.
                    if (
                        rewards.get_claim(svc, case_id).state
                        is not ClaimState.CANCELLED_UNREACHABLE
                    ):
                        raise
            case _Do.FRAUD:
                reason = _FRAUD_REASONS["照片" if "照片" in tip.evidence else ""]
                rewards.mark_fraudulent(svc, self.supervisor, case_id, reason)


# ----- follow-up: call-backs, redos, objections and restrictions (RULES §1, §2.2, §3) ------------

_Called = tuple[tuple[Satisfaction, tuple[EvaluationTag, ...]], ...]
_CALLED_BACK_SATISFIED: _Called = (
    (Satisfaction.VERY_SATISFIED, (EvaluationTag.RESOLVED, EvaluationTag.TIMELY)),
    (Satisfaction.SATISFIED, (EvaluationTag.RESOLVED, EvaluationTag.COURTEOUS)),
)
_CALLED_BACK_DISSATISFIED: _Called = (
    (Satisfaction.DISSATISFIED, (EvaluationTag.NOT_RESOLVED, EvaluationTag.TOO_SLOW)),
    (Satisfaction.VERY_DISSATISFIED, (EvaluationTag.NOT_RESOLVED, EvaluationTag.PASSED_THE_BUCK)),
    (Satisfaction.DISSATISFIED, (EvaluationTag.UNCLEAR_ANSWER,)),
)
_UNREACHED_NOTES = ("无人接听", "关机", "占线，稍后再拨", "无法接通")
_REDO_REASONS = (
    "诉求人反映承办单位只到现场看了一次，问题至今没有解决，要求重新处理。",
    "诉求人表示答复内容与实际情况不符，要求承办单位重新核实处理。",
    "诉求人反映问题解决后又反复出现，要求重新处理。",
)
# (approve, note): the redo instructions to the unit (the event adds its own ；), or the reason
# told to the citizen.
_REDO_DECISIONS = (
    (True, "经核查，承办单位未彻底解决诉求人反映的问题，发回重办：请现场核实后彻底处理，并向诉求人反馈"),
    (False, "经核查，承办单位已按规定办理并答复，诉求人的新要求超出原诉求范围，可另行提出。"),
)  # fmt: skip
_OBJECTION_STATEMENTS = (
    "举报人认为其举报的火灾隐患经查属实，并已提供被举报单位名称、地址和现场情况，请求重新审查不予奖励决定。",
    "举报人称其为最先举报该隐患的人，举报时未听说有关部门已掌握该线索，请求复核。",
)
_OBJECTION_UPHELD = "经复核，原决定认定事实清楚，理由和依据（《阳江市火灾隐患举报奖励实施办法》第八条）适用正确，维持不予奖励决定。"
_RESTRICTION_REASON = "多次拨打热线辱骂、威胁工作人员，经劝阻仍不改正。"
_RESTRICTION_LIFT = "本人到中心当面致歉，承诺今后文明表达诉求，经研究提前解除限制。"


class _FollowUp:
    """The 回访/申诉 page's work at "now": call-backs, redos, reward objections, restrictions.

    Runs after the reward claims, with random generators of its own, so that the cases and
    claims before it stay as they were. Every step goes through the services at a simulated
    time after the step it follows and never past "now"; all steps then run in time order.
    What a small demo lacks (completed cases, notified refusals) is skipped, and the oldest
    call-backs are the ones taken off the work list, so that half of it stays.
    """

    def __init__(self, svc: Services, seed: int, actors: dict[str, Actor], now: datetime) -> None:
        self.svc = svc
        self.now = now
        self.clock = _Clock(svc, seed, now)
        self.clock.rng = random.Random(seed * 4243 + 17)
        self.rng = random.Random(seed * 6389 + 19)
        self.admin = actors["admin"]
        self.supervisor = actors["zhang.supervisor"]
        self.clerks = (actors["li.clerk"], actors["chen.clerk"])
        self.steps: list[tuple[datetime, int, Callable[[], object]]] = []

    def add(self, at: datetime, do: Callable[[], object]) -> None:
        self.steps.append((at, len(self.steps), do))

    def later(self, start: datetime, lo: int, hi: int, *, days: bool = False) -> datetime | None:
        """``lo``–``hi`` office minutes (or working days) after ``start``; None when that is
        still ahead of now (the step has not happened yet)."""
        clock = self.clock
        at = clock.days_later(start, lo, hi) if days else clock.office_later(start, lo, hi)
        return at if at <= self.now else None

    def moments(self, start: datetime, lo: int, hi: int) -> datetime:
        """A few wall-clock minutes after ``start`` (the same call), never past now."""
        return self.clock.fit(self.clock.wall_later(start, lo, hi), start)

    def clerk(self) -> Actor:
        return self.clerks[self.rng.randrange(2)]

    def run(self) -> None:
        self.plan_callbacks()
        self.plan_objections()
        self.plan_restrictions()
        try:
            for at, _, do in sorted(self.steps, key=lambda step: step[:2]):
                self.svc.clock = _stopped(at)
                do()
        finally:
            self.svc.clock = _stopped(self.now)

    # --- call-backs and redos (RULES §2.2, §3) ----------------------------------------------------

    def plan_callbacks(self) -> None:
        listed = sorted(callbacks.work_list(self.svc), key=lambda r: (r.completed_at, r.case_id))
        keep = max(3, len(listed) // 2)
        called = listed[: max(0, len(listed) - keep)]  # the oldest are called first
        # A redo approved lately (so its new period still runs), one waiting for the review,
        # and one refused a while ago (YJ12345 art. 20); the rest reached and content.
        # Only a case a unit handled goes back to it (an answer at once has none).
        handled = [row for row in called if row.unit]
        roles: dict[int, int] = {}
        # The newest one waits for the review: it needs no time after the request, whereas an
        # approval of the very newest could fall after "now" and be left undone.
        for order, position in enumerate((-2, -1, 0)):
            if len(handled) > order:
                roles.setdefault(handled[position].case_id, order)
        for row in called:
            role = roles.get(row.case_id)
            if role is None:
                level, tags = self.rng.choice(_CALLED_BACK_SATISFIED)
                self.reached(row.case_id, row.completed_at, level, tags, self.clerk())
            else:
                level, tags = _CALLED_BACK_DISSATISFIED[role]
                decision = {0: _REDO_DECISIONS[0], 2: _REDO_DECISIONS[1]}.get(role)
                self.dissatisfied(row.case_id, row.completed_at, level, tags, decision)
        # The oldest of those left on the list were called without getting through, once or twice.
        for row in listed[len(called) :][:3]:
            clerk = self.clerk()
            at = self.later(row.completed_at, 30, 600)
            for tries in range(self.rng.randint(1, 2)):
                if tries:
                    at = self.later(at, 1, 1, days=True) if at is not None else None
                if at is not None:
                    self.attempt(row.case_id, at, CallbackOutcome.UNREACHABLE, clerk)

    def attempt(self, case_id: int, at: datetime, outcome: CallbackOutcome, clerk: Actor) -> None:
        note = "" if outcome is CallbackOutcome.REACHED else self.rng.choice(_UNREACHED_NOTES)
        self.add(
            at,
            lambda: callbacks.record_attempt(
                self.svc, clerk, case_id, outcome=outcome, at=at, note=note
            ),
        )

    def reached(
        self,
        case_id: int,
        completed_at: datetime,
        level: Satisfaction,
        tags: tuple[EvaluationTag, ...],
        clerk: Actor,
    ) -> datetime | None:
        """A call-back that gets through, and the evaluation after handling taken on it."""
        at = self.later(completed_at, 30, 900)
        if at is None:
            return None
        self.attempt(case_id, at, CallbackOutcome.REACHED, clerk)
        evaluated = self.moments(at, 2, 6)
        self.add(
            evaluated,
            lambda: handling.record_evaluation(
                self.svc,
                clerk,
                case_id,
                level,
                method=ContactMethod.PHONE,
                comment=_EVALUATION_COMMENTS[level],
                tags=tags,
            ),
        )
        return evaluated

    def dissatisfied(
        self,
        case_id: int,
        completed_at: datetime,
        level: Satisfaction,
        tags: tuple[EvaluationTag, ...],
        decision: tuple[bool, str] | None,
    ) -> None:
        """Reached, dissatisfied, asks for a redo on the same call; the supervisor decides
        (``decision`` None: the request waits for the review)."""
        clerk = self.clerk()
        evaluated = self.reached(case_id, completed_at, level, tags, clerk)
        if evaluated is None:
            return
        asked = self.moments(evaluated, 1, 3)
        reason = self.rng.choice(_REDO_REASONS)
        self.add(asked, lambda: handling.request_redo(self.svc, clerk, case_id, reason))
        if decision is None:
            return
        approve, note = decision
        decided = self.later(asked, 30, 600)
        if decided is None:
            return
        self.add(
            decided,
            lambda: handling.decide_redo(
                self.svc, self.supervisor, case_id, approve=approve, note=note
            ),
        )

    # --- reward objections (RULES §3) ---------------------------------------------------------

    def plan_objections(self) -> None:
        """A pending objection against the latest notified refusal, and one upheld on review
        of the one before, by someone other than the decider."""
        c = t.reward_claims.c
        with self.svc.uow(write=False) as uow:
            refusals = uow.session.execute(
                select(c.case_id, c.notified_at, c.decided_by)
                .where(
                    c.state == ClaimState.NOT_ELIGIBLE,
                    c.notified_at.is_not(None),
                    c.notice_method != NoticeMethod.QUERY_CODE,  # a reporter who can be told
                )
                .order_by(c.notified_at.desc(), c.case_id)
                .limit(6)
            ).all()
        pending = False
        for case_id, notified_at, decided_by in refusals:
            received = self.later(notified_at, 1, 5, days=True)
            if received is None:
                continue  # told too lately to have objected yet
            clerk = self.clerk()
            if not pending:  # the latest stays in the queue
                statement = _OBJECTION_STATEMENTS[0]
            else:
                reviewed = self.later(received, 2, 6, days=True)
                if reviewed is None:
                    continue
                statement = _OBJECTION_STATEMENTS[1]
                reviewer = self.admin if decided_by == self.supervisor.user_id else self.supervisor
                self.add(
                    reviewed,
                    partial(
                        rewards.review_objection,
                        self.svc,
                        reviewer,
                        case_id,
                        upheld=True,
                        reasons=_OBJECTION_UPHELD,
                    ),
                )
            self.add(
                received,
                partial(
                    rewards.receive_objection,
                    self.svc,
                    clerk,
                    case_id,
                    ObjectionGround.NOT_ELIGIBLE,
                    statement,
                ),
            )
            if pending:
                return
            pending = True

    # --- restrictions (YJ12345 art. 7) ------------------------------------------------------------

    def plan_restrictions(self) -> None:
        """One restriction in force, decided a few working days ago, and one lifted early;
        the persons are those refused for abuse lately, else callers chosen by the seed."""
        k, e, s, p = t.cases.c, t.events.c, t.case_submitters.c, t.persons.c
        with self.svc.uow(write=False) as uow:
            abusive = uow.session.execute(
                select(k.number, p.phone, func.max(e.at))
                .join(t.events, e.case_id == k.id)
                .join(t.case_submitters, (s.case_id == k.id) & (s.position == 0))
                .join(t.persons, p.id == s.person_id)
                .where(
                    k.refusal_ground == RefusalGround.UNLAWFUL_OR_NO_REQUEST,
                    e.action == "refuse",
                    p.phone.is_not(None),
                    p.phone != "",
                )
                .group_by(k.number, p.phone)
                .order_by(func.max(e.at).desc(), k.number)
            ).all()
            callers = uow.session.execute(
                select(p.phone)
                .join(t.case_submitters, s.person_id == p.id)
                .join(t.cases, k.id == s.case_id)
                .where(k.channel == Channel.PHONE, p.phone.is_not(None), p.phone != "")
                .distinct()
                .order_by(p.phone)
            ).all()
        today = self.now.date()
        decided = (
            self.clock.office_time(self.clock.working_days_before(today, self.rng.randint(2, 12))),
            self.clock.office_time(self.clock.working_days_before(today, self.rng.randint(18, 24))),
        )
        phones: list[str] = []
        for index, at in enumerate(decided):
            # The latest refusal for abuse within the month before, if it is someone new.
            case_number, phone = next(
                (
                    (number, phone)
                    for number, phone, refused in abusive
                    if at - timedelta(days=30) <= refused <= at and phone not in phones
                ),
                ("", ""),
            )
            if not phone:
                spare = [row.phone for row in callers if row.phone not in phones]
                if not spare:
                    return
                phone = self.rng.choice(spare)
            phones.append(phone)
            self.add(at, partial(self.restrict, phone, case_number))
            lifted = self.later(at, 3, 8, days=True) if index == 1 else None
            if lifted is not None:
                self.add(lifted, partial(self.lift, phone))

    def restrict(self, phone: str, case_number: str) -> None:
        """Issue 8: proposed by one user and approved by another (YJ12345 art. 7); the
        supervisor's approval is the decision the register shows."""
        restriction_id = restrictions.restrict(
            self.svc,
            self.admin,
            reason=_RESTRICTION_REASON,
            phone=phone,
            case_number=case_number,
        )
        restrictions.approve(self.svc, self.supervisor, restriction_id)

    def lift(self, phone: str) -> None:
        with self.svc.uow(write=False) as uow:
            restriction_id = uow.session.execute(
                select(func.max(t.restrictions.c.id)).where(t.restrictions.c.phone == phone)
            ).scalar_one()
        restrictions.lift(self.svc, self.supervisor, restriction_id, _RESTRICTION_LIFT)


def _set_up(
    svc: Services, rng: random.Random, fake: Faker
) -> tuple[dict[str, Actor], dict[str, int]]:
    """The centre before its first case: settings, users and handling units."""
    admin_spec, *others = DEMO_USERS
    admin = users.create_first_admin(
        svc, admin_spec.username, admin_spec.display_name, DEMO_PASSWORD
    )
    actors = {admin.username: admin}
    for spec in others:
        actors[spec.username] = users.create_user(
            svc, admin, spec.username, spec.display_name, spec.role, DEMO_PASSWORD
        )
    settings.set_setting(svc, admin, "centre_code", DEMO_CENTRE_CODE)
    settings.set_setting(svc, admin, "centre_name", DEMO_CENTRE_NAME)
    settings.set_setting(svc, admin, "centre_address", "阳江市江城区某镇人民路1号")
    settings.set_setting(svc, admin, "centre_phone", "0662-3312345")
    settings.set_setting(svc, admin, "document_prefix", "江城便民")
    unit_ids = {}
    for code, name in _UNITS:
        leader = fake.name() + ("队长" if name.endswith("大队") else "主任")
        phone = f"0662-{rng.choice('2368')}{rng.randrange(10**6):06d}"
        unit_ids[code] = units.add_unit(svc, admin, code, name, leader, phone).id
    return actors, unit_ids


def build_demo(
    svc: Services,
    *,
    cases: int,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Fill an empty, migrated database with a demo centre: the same seed gives the same data.

    Cases are spread over the two years before ``svc.now()`` and driven through the domain at
    simulated times (one transaction per case); then the reward claims of the fire-hazard
    tip-offs go through the reward services, also at simulated times, so that every queue of the
    奖励 page has a claim when the demo is large enough; last, with generators of its own, the
    call-backs, redos, objections and restrictions of the 回访/申诉 page. ``svc.clock`` is
    restored afterwards.
    """
    if isinstance(cases, bool) or not 1 <= cases <= MAX_DEMO_CASES:
        raise ValidationError("cases", f"演示案件数须在 1 至 {MAX_DEMO_CASES} 之间。")
    with svc.uow(write=False) as uow:
        used = uow.session.execute(select(func.count()).select_from(t.users)).scalar_one()
        used += uow.session.execute(select(func.count()).select_from(t.cases)).scalar_one()
    if used:
        raise DomainError(
            "该数据库中已有用户或案件，演示数据只能写入新建的空数据库；请用 --db 指定一个新的数据库文件。"
        )
    from app.services import demo_bulk  # imported here: demo_bulk builds on this module

    if cases > demo_bulk.BULK_FROM:
        return demo_bulk.build_bulk_demo(svc, cases=cases, seed=seed, progress=progress)
    started = timer.perf_counter()
    real_clock = svc.clock
    now = svc.now()
    try:
        content = _Content(seed, cases)
        setup_time = now - timedelta(days=HISTORY_DAYS + 7)
        svc.clock = lambda: setup_time
        actors, unit_ids = _set_up(svc, content.rng, content.fake)
        svc.clock = lambda: now
        builder = _Builder(svc, seed, actors, unit_ids)
        plans = [content.plan(i, unit_ids) for i in range(cases)]
        for plan in plans:
            plan.received_at = builder.clock.received_at(plan.scenario)
        # Registered in arrival order, so each day's sequence numbers follow the clock.
        plans.sort(key=lambda p: p.received_at or now)
        by_state: Counter[CaseState] = Counter()
        overdue = 0
        for done, plan in enumerate(plans, start=1):
            with svc.uow() as uow:
                case = builder.run(plan, uow)
                uow.commit()
            assert case.id is not None
            builder.done.append(case.id)
            by_state[case.state] += 1
            overdue += case.is_overdue(now)
            if progress is not None:
                progress(done, cases)
        _Rewards(svc, seed, actors, now).run()
        _FollowUp(svc, seed, actors, now).run()
    finally:
        svc.clock = real_clock
    with svc.uow(write=False) as uow:
        persons = uow.session.execute(select(func.count()).select_from(t.persons)).scalar_one()
    return DemoSummary(
        cases=cases,
        by_state={s: by_state[s] for s in CaseState if by_state[s]},
        overdue=overdue,
        urgent=sum(p.form.priority is Priority.URGENT for p in plans),
        anonymous=sum(not p.form.submitters for p in plans),
        joint=sum(len(p.form.submitters) > 1 for p in plans),
        persons=persons,
        units=len(unit_ids),
        users=DEMO_USERS,
        password=DEMO_PASSWORD,
        seconds=timer.perf_counter() - started,
    )
