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


class Ensemble(nn.Module):
    """Members fine-tuned from the same pre-trained encoder with different seeds. Their calibrated
    probabilities are averaged; the output is the log of that average, so the softmax Transformers.js
    applies gives it back. Single runs disagree on individual paragraphs far more than their aggregate
    metrics do; averaging smooths that out (runs 13-14 in the model card: it lowered real-document
    scores but was not shipped)."""

    def __init__(self, members: list[Classifier]):
        super().__init__()
        self.members = nn.ModuleList(members)
        self.register_buffer("inv_temperature", torch.ones(()))

    def forward(self, input_ids, attention_mask, token_type_ids):
        p = torch.stack([F.softmax(m(input_ids, attention_mask, token_type_ids), -1) for m in self.members]).mean(0)
        return torch.log(p.clamp(min=1e-9)) * self.inv_temperature
