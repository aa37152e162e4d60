"""Publishable outline lines: the table of contents of a report, plan or 述职 written on one line
(“第一部分：基本情况。第二部分：主要做法。第三部分：下一步打算。”). Added for 1.4.0 after run G scored
such a line of the test suite 0.83 as internal_deliberation: the n-gram model reads “部分：” as the
“部分同志认为：” of a meeting record. Training data only (split train); no test or dev text copied."""
from __future__ import annotations

import random

NUMS = ["一", "二", "三", "四", "五", "六", "七"]
LABELS = ["第{n}部分", "第{n}章", "第{n}节", "第{n}篇", "{n}、", "（{n}）", "第{n}项"]
SEPS = ["：", "　", " ", "：", ""]
ENDS = ["。", "；", "", "。"]
TITLES = [
    "基本情况", "总体情况", "工作背景", "主要成效", "主要做法", "主要工作", "工作成效", "取得的成绩", "经验体会",
    "存在问题", "存在不足", "存在的主要问题", "问题和不足", "原因分析", "短板弱项", "下一步打算", "下步打算",
    "工作建议", "意见建议", "对策建议", "工作目标", "总体要求", "指导思想", "基本原则", "重点任务", "主要任务",
    "保障措施", "组织领导", "实施步骤", "进度安排", "工作要求", "附则", "总结", "展望", "工作思路", "具体措施",
    "责任分工", "考核评估", "资金保障", "宣传引导", "风险防控", "整改措施", "整改情况", "学习体会", "履职情况",
    "廉洁自律情况", "意识形态工作", "党建工作", "业务工作", "队伍建设",
]


def outline_lines(rng: random.Random, n: int) -> list[str]:
    out: set[str] = set()
    while len(out) < n:
        label, sep, end = rng.choice(LABELS), rng.choice(SEPS), rng.choice(ENDS)
        start = rng.randint(0, 3)
        k = rng.randint(2, 4)
        titles = rng.sample(TITLES, k)
        parts = [f"{label.format(n=NUMS[start + i])}{sep}{t}{end}" for i, t in enumerate(titles)]
        joiner = "" if end else rng.choice(["　", " ", "；", "，"])
        out.add(joiner.join(parts))
    return sorted(out)
