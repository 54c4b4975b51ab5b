"""Reference data and pure checks: industry classification, heavy/light split, high-tech and
strategic emerging industries, Jiaxing's divisions, the unified social credit code and size
classes.

No Django imports. Import the submodule you need (``from zhuanxing.reference import industry``);
this package imports nothing itself, and each table is read once, on first use.
"""
