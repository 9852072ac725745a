"""Demo master data: a small shop's catalogue, customers and suppliers (used by `jxc demo`)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from jxc.catalog import products
from jxc.catalog.barcodes import check_digit
from jxc.catalog.models import Category, PriceLevel, Product, Unit
from jxc.catalog.schemas import Attribute, BarcodeIn, LevelPrice, PriceIn, ProductUnitIn, ProductWrite, SkuIn
from jxc.finance.models import Account
from jxc.partners.schemas import Contact, PartnerWrite
from jxc.partners.service import create_partner

UNITS = [
    ("瓶", False),
    ("箱", False),
    ("袋", False),
    ("件", False),
    ("盒", False),
    ("千克", True),
    ("包", False),
]
LEVELS = ["零售", "批发", "VIP"]
CATEGORIES = {
    "饮料": ["碳酸饮料", "矿泉水", "茶饮料"],
    "零食": ["饼干", "糖果"],
    "服装": ["T恤", "裤装"],
    "药品": ["感冒药", "维生素"],
    "粮油": [],
}
# name, spec, brand, category, base unit, box unit, box size, retail, purchase
GOODS = [
    ("可口可乐", "330ml", "可口可乐", "碳酸饮料", "瓶", "箱", 24, "3.50", "2.10"),
    ("雪碧", "330ml", "可口可乐", "碳酸饮料", "瓶", "箱", 24, "3.50", "2.10"),
    ("百事可乐", "600ml", "百事", "碳酸饮料", "瓶", "箱", 24, "4.00", "2.50"),
    ("农夫山泉", "550ml", "农夫山泉", "矿泉水", "瓶", "箱", 24, "2.00", "1.10"),
    ("怡宝纯净水", "555ml", "怡宝", "矿泉水", "瓶", "箱", 24, "2.00", "1.05"),
    ("康师傅冰红茶", "500ml", "康师傅", "茶饮料", "瓶", "箱", 15, "3.00", "1.80"),
    ("统一绿茶", "500ml", "统一", "茶饮料", "瓶", "箱", 15, "3.00", "1.75"),
    ("奥利奥饼干", "116g", "奥利奥", "饼干", "包", "箱", 24, "8.90", "6.20"),
    ("旺旺雪饼", "84g", "旺旺", "饼干", "袋", "箱", 12, "6.50", "4.40"),
    ("大白兔奶糖", "227g", "大白兔", "糖果", "袋", "箱", 12, "19.90", "13.50"),
    ("金龙鱼大米", "5kg", "金龙鱼", "粮油", "袋", None, 0, "39.90", "31.00"),
    ("鲁花花生油", "5L", "鲁花", "粮油", "瓶", "箱", 4, "139.00", "112.00"),
]
MEDICINES = [
    ("感冒灵颗粒", "10g×9袋", "999", "感冒药", 730, "15.80", "9.60"),
    ("维生素C片", "0.1g×100片", "养生堂", "维生素", 1095, "25.00", "14.00"),
]
CUSTOMERS = [
    ("华联超市", "浙江", "杭州", "批发", "50000"),
    ("永辉超市", "福建", "福州", "批发", "80000"),
    ("美宜佳便利店", "广东", "东莞", "零售", "10000"),
    ("王记小卖部", "四川", "成都", "VIP", None),
    ("好又多商行", "江苏", "南京", "批发", "30000"),
]
SUPPLIERS = [
    ("可口可乐装瓶厂", "上海", "上海"),
    ("农夫山泉经销部", "浙江", "杭州"),
    ("康师傅食品公司", "天津", "天津"),
    ("广州白云山医药", "广东", "广州"),
    ("义乌服装批发", "浙江", "义乌"),
]
ACCOUNTS = [
    ("XJ", "现金", "cash", "", ""),
    ("YH01", "工商银行", "bank", "中国工商银行杭州分行", "6222021202001234567"),
    ("WX", "微信收款", "wechat", "", ""),
    ("ZFB", "支付宝收款", "alipay", "", ""),
]


def _ean(seq: int, prefix: str = "692") -> str:
    body = f"{prefix}{seq:09d}"
    return body + str(check_digit(body))


def load(session: Session) -> list[str]:
    """Idempotent: skipped when the company already has products."""
    if session.execute(select(Product.id).limit(1)).first():
        return []
    added: list[str] = []
    units = {}
    for name, frac in UNITS:
        unit = session.execute(select(Unit).where(Unit.name == name)).scalar_one_or_none() or Unit(
            name=name, allow_fraction=frac
        )
        session.add(unit)
        units[name] = unit
    levels = {}
    for i, name in enumerate(LEVELS):
        levels[name] = PriceLevel(name=name, sort_order=i)
        session.add(levels[name])
    session.flush()
    cats: dict[str, int] = {}
    for top, children in CATEGORIES.items():
        parent = Category(name=top)
        session.add(parent)
        session.flush()
        cats[top] = parent.id
        for child in children:
            node = Category(name=child, parent_id=parent.id)
            session.add(node)
            session.flush()
            cats[child] = node.id
    suppliers = [
        create_partner(
            session,
            PartnerWrite(
                name=n,
                is_customer=False,
                is_supplier=True,
                province=p,
                city=c,
                contacts=[Contact(name="业务经理", phone="13800000000")],
            ),
        )
        for n, p, c in SUPPLIERS
    ]
    for name, province, city, level, credit in CUSTOMERS:
        create_partner(
            session,
            PartnerWrite(
                name=name,
                province=province,
                city=city,
                price_level_id=levels[level].id,
                credit_limit=Decimal(credit) if credit else None,
                payment_terms_days=30 if credit else None,
                contacts=[Contact(name="采购部", phone="13900000000")],
            ),
        )
    added.append(f"往来单位 {len(SUPPLIERS)} 个供应商、{len(CUSTOMERS)} 个客户")
    seq = 1000
    for name, spec, brand, cat, base, box, size, retail, cost in GOODS:
        seq += 1
        base_id = units[base].id
        codes = [BarcodeIn(barcode=_ean(seq), unit_id=base_id)]
        extra = []
        prices = [
            PriceIn(
                unit_id=base_id,
                retail_price=Decimal(retail),
                wholesale_price=Decimal(cost) * Decimal("1.2"),
                purchase_price=Decimal(cost),
                level_prices=[
                    LevelPrice(price_level_id=levels["VIP"].id, price=Decimal(retail) * Decimal("0.95"))
                ],
            )
        ]
        if box:
            extra.append(ProductUnitIn(unit_id=units[box].id, ratio=Decimal(size)))
            case_body = "1" + _ean(seq)[:-1]  # GTIN-14 of the case: indicator 1 + the bottle's code
            codes.append(BarcodeIn(barcode=case_body + str(check_digit(case_body)), unit_id=units[box].id))
            prices.append(PriceIn(unit_id=units[box].id, retail_price=Decimal(retail) * size))
        products.save(
            session,
            ProductWrite(
                name=f"{name} {spec}",
                spec=spec,
                brand=brand,
                category_id=cats[cat],
                base_unit_id=base_id,
                units=extra,
                location=f"{'ABCD'[seq // 6 % 4]}-{seq % 6 + 1:02d}",  # 货位: aisle-shelf
                default_supplier_id=suppliers[0].id,
                skus=[SkuIn(barcodes=codes, prices=prices)],
            ),
        )
    for name, spec, brand, cat, days, retail, cost in MEDICINES:
        seq += 1
        products.save(
            session,
            ProductWrite(
                name=name,
                spec=spec,
                brand=brand,
                category_id=cats[cat],
                base_unit_id=units["盒"].id,
                tracking="lot",
                shelf_life_days=days,
                location=f"Y-{seq % 8 + 1:02d}",  # the medicine cabinet (药柜)
                default_supplier_id=suppliers[3].id,
                skus=[
                    SkuIn(
                        barcodes=[BarcodeIn(barcode=_ean(seq, "693"), unit_id=units["盒"].id)],
                        prices=[
                            PriceIn(
                                unit_id=units["盒"].id,
                                retail_price=Decimal(retail),
                                purchase_price=Decimal(cost),
                            )
                        ],
                    )
                ],
            ),
        )
    products.save(
        session,
        ProductWrite(
            name="纯棉圆领T恤",
            spec="180g",
            brand="优品",
            category_id=cats["T恤"],
            base_unit_id=units["件"].id,
            default_supplier_id=suppliers[4].id,
            attributes=[
                Attribute(name="颜色", values=["白", "黑", "藏青"]),
                Attribute(name="尺码", values=["S", "M", "L", "XL"]),
            ],
        ),
    )
    added.append(f"商品 {len(GOODS) + len(MEDICINES) + 1} 个（含整箱条码、批次效期药品、颜色×尺码服装）")
    for code, name, kind, bank, number in ACCOUNTS:
        session.add(Account(code=code, name=name, kind=kind, bank_name=bank, account_no=number))
    added.append(f"结算账户 {len(ACCOUNTS)} 个")
    session.flush()
    return added
