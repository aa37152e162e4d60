// Chinese labels of the escalation queue, free of any dependency so the page scripts can
// bundle them too.

export const STATUS_LABELS = {
  pending: "待审",
  claimed: "审查中",
  decided: "已决定",
} as const;

export const FINAL_DECISION_LABELS = {
  publish: "同意公开",
  redact: "脱敏后公开",
  withhold: "不予公开",
} as const;

/** Grounds for 不予公开 under 《政府信息公开条例》 (2019), each with the article it rests on. */
export const WITHHOLD_GROUNDS = {
  state_secret: { label: "国家秘密", basis: "《政府信息公开条例》第十四条：依法确定为国家秘密的政府信息" },
  prohibited_by_law: { label: "法律、行政法规禁止公开", basis: "《政府信息公开条例》第十四条：法律、行政法规禁止公开的政府信息" },
  three_securities_one_stability: {
    label: "危及“三安全一稳定”",
    basis: "《政府信息公开条例》第十四条：公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息",
  },
  third_party_rights: {
    label: "商业秘密、个人隐私（第三方合法权益）",
    basis: "《政府信息公开条例》第十五条：涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息",
  },
  internal_affairs: { label: "内部事务信息", basis: "《政府信息公开条例》第十六条第一款：人事管理、后勤管理、内部工作流程等内部事务信息" },
  process_information: {
    label: "过程性信息",
    basis: "《政府信息公开条例》第十六条第二款：讨论记录、过程稿、磋商信函、请示报告等过程性信息",
  },
  law_enforcement_file: { label: "行政执法案卷", basis: "《政府信息公开条例》第十六条第二款：行政执法案卷信息" },
  administrative_inquiry: {
    label: "行政查询事项",
    basis: "《政府信息公开条例》第三十六条第（五）项：法律、行政法规对信息的获取有特别规定的行政查询事项",
  },
} as const;
