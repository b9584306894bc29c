"""The chemical elements' symbols, one owner for the two places that read a formula: a parsed
word written as one ('O', 'CO', 'H2SO': boundaries.formula) and a formula whose subscript a copied
page put on a line of its own ('Oxygen gas (O' / '2) can be toxic': text.sentences). Plain data
with no spaCy, so that text.py (which the pipeline imports for its limits) stays light.
"""

from __future__ import annotations

SYMBOLS = frozenset(str.split(
    "H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As "
    "Se Br Kr Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu "
    "Gd Tb Dy Ho Er Tm Yb Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np "
    "Pu Am Cm Bk Cf Es Fm Md No Lr"))
# hydrogen's isotopes, written as symbols of their own in a formula: heavy water D2O
ISOTOPES = frozenset({"D", "T"})
