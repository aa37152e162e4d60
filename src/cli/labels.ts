import type { Category, Decision } from "../engine/index.js";

export const DECISION_LABELS: Record<Decision, string> = {
  publish: "可以公开",
  redact: "脱敏后公开",
  escalate: "需提交保密审查人员审定",
};

export const CATEGORY_LABELS: Record<Category, string> = {
  id_number: "身份证号",
  phone: "手机号码",
  bank_card: "银行卡号",
  email: "电子邮箱",
  passport: "护照号码",
  travel_permit: "通行证号码",
  license_plate: "车牌号码",
  person_name: "姓名",
  address: "住址",
  secret_marking: "密级标志",
  sensitive_content: "敏感内容",
};

export const ACTION_LABELS = { redact: "脱敏", escalate: "提交审定" } as const;
