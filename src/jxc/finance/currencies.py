"""ISO 4217 currency codes a document, a partner or an exchange rate may name.

A pattern alone would take `ABC`; a typo in a currency splits a partner's balance in two, so the code must
be a real one. Funds, precious metals and test codes (XAU, XTS, …) are left out: nobody invoices in them.
"""

from __future__ import annotations

from jxc.common.errors import Invalid, field_error

_CODES = """
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD
CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD
GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT
LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR
NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD
SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VED VES VND VUV WST XAF
XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL
"""
ISO_4217 = frozenset(_CODES.split())


def currency_code(value: str, field: str = "currency") -> str:
    """`value` as an upper-case ISO code, or 422 `currency_invalid` naming `field`."""
    code = value.strip().upper()
    if code not in ISO_4217:
        raise Invalid(
            "currency_invalid", errors=[field_error(field, "currency_invalid", value=value)], value=value
        )
    return code
