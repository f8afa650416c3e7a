"""Independent expected outputs for the evaluate/train end-to-end tests (d = 2, m = 1, n = 1).

Derived by hand, not from the Swift code:
classification: w+ = [1, 0], w- = [0, 1], x1 = [1, 2], x2 = [3, 0], y = 1.
  F+ = 1^2 + 3^2 = 10, F- = 2^2 + 0^2 = 4, f = 6; L = log(1 + e^-6); l' = -1/(1 + e^6);
  grad w+ = l' y (2/m)(<w+,x1> x1 + <w+,x2> x2)/n = 2 l' [10, 2]; grad w- = -2 l' [2 [1, 2] + 0] = -2 l' [2, 4].
diffusion (m = 1): with u = <w, x>, s = ||w||^2, z = <w, eps> ~ N(0, s) and x_t = a x + b eps,
  ||f - eps||^2 = <w,x_t>^4 s - 2 <w,x_t>^2 z + ||eps||^2, so
  E = d + s (a^4 u^4 + 6 a^2 b^2 u^2 s + 3 b^4 s^2) - 4 a b u s  (Gaussian moments of a u + b z),
  L = (E(x1) + E(x2)) / 2, gradient by the chain rule with ds/dw = 2w, du/dw = x.
Run: python3 make_expected.py > expected.json
"""
import json, math

f = (1**2 + 3**2) - (2**2 + 0**2)
lp = -1 / (1 + math.exp(f))
classification = {
    "loss": math.log1p(math.exp(-f)),
    "gradientPositive": [[lp * 2 * 10, lp * 2 * 2]],
    "gradientNegative": [[-lp * 2 * 2, -lp * 2 * 4]],
}
a, b = 0.82, 0.57
w = [0.5, -0.25]
s = w[0] ** 2 + w[1] ** 2
def expectation(x):
    u = w[0] * x[0] + w[1] * x[1]
    return 2 + s * (a**4 * u**4 + 6 * a * a * b * b * u * u * s + 3 * b**4 * s * s) - 4 * a * b * u * s
def gradient(x):
    u = w[0] * x[0] + w[1] * x[1]
    d_s = (a**4 * u**4 + 6 * a * a * b * b * u * u * s + 3 * b**4 * s * s) + s * (6 * a * a * b * b * u * u + 6 * b**4 * s) - 4 * a * b * u
    d_u = s * (4 * a**4 * u**3 + 12 * a * a * b * b * u * s) - 4 * a * b * s
    return [d_s * 2 * w[k] + d_u * x[k] for k in range(2)]
x1, x2 = [1, 2], [-1, 0.5]
diffusion = {
    "loss": (expectation(x1) + expectation(x2)) / 2,
    "gradient": [[(gradient(x1)[k] + gradient(x2)[k]) / 2 for k in range(2)]],
}
print(json.dumps({"classification": classification, "diffusion": diffusion}, indent=1))
