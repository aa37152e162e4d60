"""A small BERT encoder in plain PyTorch (no `transformers` package on this machine). The ONNX
export only has to honour the BertForSequenceClassification interface Transformers.js calls
(input_ids, attention_mask, token_type_ids -> logits); the inside is ours."""
from __future__ import annotations

import math
from dataclasses import dataclass, asdict

import torch
from torch import nn
import torch.nn.functional as F


@dataclass
class Config:
    vocab_size: int
    hidden_size: int = 128
    num_hidden_layers: int = 2
    num_attention_heads: int = 4
    intermediate_size: int = 512
    max_position_embeddings: int = 128
    type_vocab_size: int = 2
    hidden_dropout_prob: float = 0.1
    attention_probs_dropout_prob: float = 0.1
    num_labels: int = 7

    def to_dict(self):
        return asdict(self)


class Layer(nn.Module):
    def __init__(self, c: Config):
        super().__init__()
        self.h = c.num_attention_heads
        self.qkv = nn.Linear(c.hidden_size, 3 * c.hidden_size)
        self.out = nn.Linear(c.hidden_size, c.hidden_size)
        self.ln1 = nn.LayerNorm(c.hidden_size, eps=1e-12)
        self.ff1 = nn.Linear(c.hidden_size, c.intermediate_size)
        self.ff2 = nn.Linear(c.intermediate_size, c.hidden_size)
        self.ln2 = nn.LayerNorm(c.hidden_size, eps=1e-12)
        self.drop = nn.Dropout(c.hidden_dropout_prob)
        self.adrop = nn.Dropout(c.attention_probs_dropout_prob)

    def forward(self, x, bias):
        b, t, d = x.shape
        q, k, v = self.qkv(x).view(b, t, 3, self.h, d // self.h).permute(2, 0, 3, 1, 4)
        att = (q @ k.transpose(-1, -2)) / math.sqrt(d // self.h) + bias
        att = self.adrop(att.softmax(-1))
        y = (att @ v).transpose(1, 2).reshape(b, t, d)
        x = self.ln1(x + self.drop(self.out(y)))
        return self.ln2(x + self.drop(self.ff2(F.gelu(self.ff1(x)))))


class Encoder(nn.Module):
    def __init__(self, c: Config):
        super().__init__()
        self.c = c
        self.tok = nn.Embedding(c.vocab_size, c.hidden_size)
        self.pos = nn.Embedding(c.max_position_embeddings, c.hidden_size)
        self.typ = nn.Embedding(c.type_vocab_size, c.hidden_size)
        self.ln = nn.LayerNorm(c.hidden_size, eps=1e-12)
        self.drop = nn.Dropout(c.hidden_dropout_prob)
        self.layers = nn.ModuleList(Layer(c) for _ in range(c.num_hidden_layers))
        self.apply(self._init)

    @staticmethod
    def _init(m):
        if isinstance(m, (nn.Linear, nn.Embedding)):
            nn.init.normal_(m.weight, std=0.02)
        if isinstance(m, nn.Linear) and m.bias is not None:
            nn.init.zeros_(m.bias)

    def forward(self, input_ids, attention_mask, token_type_ids):
        t = input_ids.shape[1]
        pos = torch.arange(t, device=input_ids.device).unsqueeze(0)
        x = self.tok(input_ids) + self.pos(pos) + self.typ(token_type_ids)
        x = self.drop(self.ln(x))
        bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -10000.0
        for layer in self.layers:
            x = layer(x, bias)
        return x


class MLMHead(nn.Module):
    def __init__(self, enc: Encoder):
        super().__init__()
        d = enc.c.hidden_size
        self.dense = nn.Linear(d, d)
        self.ln = nn.LayerNorm(d, eps=1e-12)
        self.bias = nn.Parameter(torch.zeros(enc.c.vocab_size))
        self.enc = enc

    def forward(self, h):  # h: (n, d) hidden states at masked positions only
        h = self.ln(F.gelu(self.dense(h)))
        return h @ self.enc.tok.weight.t() + self.bias  # tied to the input embeddings


class Classifier(nn.Module):
    """Masked mean pooling + [CLS] → tanh dense → logits. Mean pooling lets a sensitive clause
    anywhere in the window move the score, which the [CLS] vector alone does poorly at this size."""

    def __init__(self, enc: Encoder):
        super().__init__()
        d = enc.c.hidden_size
        self.enc = enc
        self.pool = nn.Linear(2 * d, d)
        self.drop = nn.Dropout(0.1)
        self.head = nn.Linear(d, enc.c.num_labels)
        # Temperature, fitted on validation data after training and baked into the export.
        self.register_buffer("inv_temperature", torch.ones(()))

    def forward(self, input_ids, attention_mask, token_type_ids):
        h = self.enc(input_ids, attention_mask, token_type_ids)
        m = attention_mask.unsqueeze(-1).to(h.dtype)
        mean = (h * m).sum(1) / m.sum(1).clamp(min=1.0)
        z = torch.tanh(self.pool(torch.cat([h[:, 0], mean], -1)))
        return self.head(self.drop(z)) * self.inv_temperature


class Ngram(nn.Module):
    """A bag of hashed character 1-, 2- and 3-grams over the encoder's token ids (fastText-like):
    mean of their embeddings → logits. It reads a window as the local phrases in it (取消休假,
    败诉可能性, 住院治疗), and on this data that generalises to unseen templates better than the
    small encoder, while scoring real published documents lower (run 17 in the model card). Hashing
    is plain int64 arithmetic and Gather, so it exports to ONNX inside the same graph."""

    def __init__(self, vocab_size: int, buckets: int = 1 << 19, dim: int = 32, num_labels: int = 7, sparse: bool = False):
        super().__init__()
        self.vocab_size, self.buckets = vocab_size, buckets
        # sparse=True: the table gets sparse gradients (only the rows a batch touches), trained with
        # SparseAdam — about an order of magnitude faster per step than AdamW over all 16.8 M weights.
        self.emb = nn.Embedding(buckets, dim, sparse=sparse)
        nn.init.normal_(self.emb.weight, std=0.02)
        self.head = nn.Linear(dim, num_labels)
        self.register_buffer("inv_temperature", torch.ones(()))

    def forward(self, input_ids, attention_mask, token_type_ids):
        v, h = self.vocab_size, self.buckets
        m1 = attention_mask.to(torch.float32)
        a, b = input_ids[:, :-1], input_ids[:, 1:]
        # Offsets keep unigrams, bigrams and trigrams of small ids from sharing buckets.
        g1 = input_ids % h
        g2 = (a * v + b + 7919) % h
        g3 = ((a[:, :-1] * v + b[:, :-1]) * v + input_ids[:, 2:] + 104729) % h
        m2 = m1[:, :-1] * m1[:, 1:]
        m3 = m2[:, :-1] * m1[:, 2:]
        # The table is stored in fp16 once trained (half the file size); sums run in fp32.
        e = sum((self.emb(g).float() * m.unsqueeze(-1)).sum(1) for g, m in ((g1, m1), (g2, m2), (g3, m3)))
        n = (m1.sum(1) + m2.sum(1) + m3.sum(1)).clamp(min=1.0).unsqueeze(-1)
        # token_type_ids is read (times 0) so that an export of the branch alone keeps the three inputs
        # of the BertForSequenceClassification interface Transformers.js passes.
        return self.head(e / n) * self.inv_temperature + 0.0 * token_type_ids[:, :1].to(torch.float32)


class Ensemble(nn.Module):
    """Calibrated parts whose probabilities are pooled in one graph: encoder members fine-tuned with
    different seeds (runs 13-14, not shipped), or the encoder and the n-gram branch (1.3.0). The
    output is log-probabilities, so the softmax Transformers.js applies gives the pooled probability
    back (for geometric pooling, renormalised)."""

    def __init__(self, members: list[nn.Module], weights: list[float] | None = None, pool: str = "mean"):
        super().__init__()
        self.members = nn.ModuleList(members)
        self.pool = pool
        w = torch.tensor(weights if weights is not None else [1.0] * len(members), dtype=torch.float32)
        self.register_buffer("weights", w / w.sum())
        self.register_buffer("inv_temperature", torch.ones(()))

    def forward(self, input_ids, attention_mask, token_type_ids):
        if self.pool == "geometric":
            # Weighted mean of log-probabilities: a paragraph scores high only when the parts agree,
            # so one part's confident mistake on real prose is damped by the other.
            lp = torch.stack([F.log_softmax(m(input_ids, attention_mask, token_type_ids), -1) for m in self.members])
            return (lp * self.weights.view(-1, 1, 1)).sum(0) * self.inv_temperature
        ps = torch.stack([F.softmax(m(input_ids, attention_mask, token_type_ids), -1) for m in self.members])
        p = (ps * self.weights.view(-1, 1, 1)).sum(0)
        return torch.log(p.clamp(min=1e-9)) * self.inv_temperature
