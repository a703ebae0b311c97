"""The sentence templates of the synthetic corpus, by event kind, with ``{slot}`` fields.

Each kind has several phrasings (active, passive, "said on Monday it would", appositions), so
that the parser sees the variety of real news. :mod:`benchmarks.synth` fills the slots.
"""

from __future__ import annotations

__all__ = ["CONTEXT", "DETAILS", "EVENTS", "HEDGED", "QUOTES", "TITLES", "UPDATES"]

EVENTS: dict[str, tuple[str, ...]] = {
    "invest_country": (
        "{inv} will invest {amt} in {country} over the next {years} years to expand its cloud and AI "
        "infrastructure.",
        "{inv} said on {day} it plans to invest {amt} in {country} by {year}, its largest commitment in "
        "the country to date.",
        "{inv} announced a {amt} investment in {country} to build out data centers and train local "
        "engineers.",
        "{inv} is pouring {amt} into {country}, where it will add AI computing capacity and new cloud "
        "regions.",
        "{inv} committed {amt} to {country} on {day}, as governments compete for the infrastructure "
        "behind artificial intelligence.",
    ),
    "invest_company": (
        "{inv} will invest {amt} in {co}, deepening ties between the two companies.",
        "{inv} has agreed to invest up to {amt} in {co}, the companies said on {day}.",
        "{inv} invested {amt} in {co} as part of a broader strategic agreement.",
        "{co} is backed by {inv}, which invested {amt} in the {noun} last year.",
    ),
    "funding": (
        "{co} has raised {amt} in a Series {series} round led by {lead}, valuing the {noun} at {val}.",
        "{co} said on {day} it had closed a {amt} funding round led by {lead} at a post-money valuation "
        "of {val}.",
        "{lead} led a {amt} investment in {co}, which values the {noun} at {val}, with participation "
        "from {others}.",
        "{co} secured {amt} in new funding from {lead} and other investors including {others}.",
        "{co}, the {home}-based {noun}, raised {amt} in a round led by {lead}.",
    ),
    "datacenter": (
        "{co} plans to build a {power_adj} data center in {city}, {country}, at a cost of {amt}.",
        "{co} will build a {power_adj} AI campus near {city} in {country}, with the first phase due online "
        "in {year}.",
        "{co} broke ground on a {amt} data-center campus in {state} that will draw up to {power} when "
        "complete.",
        "{co} said on {day} it would develop a {power_adj} hyperscale facility in {country}, investing {amt} "
        "over {years} years.",
        "{co} is constructing a new data center in {city} with {power} of capacity for AI training clusters.",
        "{co} will open a new cloud region in {country} in {year}, backed by an investment of {amt}.",
    ),
    "ppa": (
        "{buyer} signed a {years}-year power purchase agreement with {seller} for {power} of {energy} "
        "power to supply its data centers in {place}.",
        "{buyer} agreed to buy {power} of electricity from {seller}'s {energy} plant in {place}.",
        "{seller} will supply {buyer} with {power} of {energy} power under a long-term contract, the "
        "companies said on {day}.",
        "{buyer} struck a deal to buy power from {seller}, securing {power} of {energy} capacity for its "
        "{place} campus.",
    ),
    "acquisition": (
        "{acq} agreed to acquire {target} for {amt}, the companies said on {day}.",
        "{acq} has completed its {amt} acquisition of {target}.",
        "{target} was acquired by {acq} in a deal valued at {amt}.",
        "{acq} will buy a {pct}% stake in {target} for {amt}, giving it a foothold in {country}.",
        "{acq} said on {day} it would take over {target} in an all-cash deal worth {amt}.",
    ),
    "partnership": (
        "{a} and {b} announced a strategic partnership to build AI infrastructure in {country}.",
        "{a} partnered with {b} to develop data centers across {region}.",
        "{a} has teamed up with {b} on a joint venture that will invest {amt} in AI capacity.",
        "{a} signed a memorandum of understanding with {b} on {day} to cooperate on computing, energy "
        "and skills.",
    ),
    "supply": (
        "{supplier} will supply {n} of its {chip} chips to {customer} under a multi-year agreement worth "
        "{amt}.",
        "{customer} signed a {amt} contract with {supplier} for cloud computing capacity over {years} years.",
        "{supplier} agreed to provide {customer} with GPU capacity worth {amt}, the companies said.",
        "{supplier} is shipping {chip} servers to {customer} for a cluster that will draw {power}.",
    ),
    "hire": (
        "{co} plans to hire {n} engineers in {country} by {year}.",
        "{co} said it would recruit {n} staff in {country} over the next {years} years.",
        "{co} will employ about {n} people at the site once it is fully operational.",
    ),
    "expansion": (
        "{co} is expanding into {country}, its first market in {region}.",
        "{co} said it would enter {country} in {year}, opening offices in {city}.",
        "{co} expanded to {region} last year and now runs facilities in {n} countries.",
    ),
    "headquarters": (
        "{co}, which is based in {city}, operates {n} data centers worldwide.",
        "The {home}-based {noun} was founded in {founded}.",
        "{co} is headquartered in {city}, {country}.",
    ),
}

#: Follow-up sentences about the lead deal of an article, by kind.
DETAILS: dict[str, tuple[str, ...]] = {
    "invest_country": (
        "The money will go to new data centers, network links and training programmes, {inv} said.",
        "The plan includes a new cloud region in {city} and a campus that could draw {power}.",
        "It is the largest investment {inv} has announced in {country}, where it has operated since "
        "{founded}.",
    ),
    "invest_company": (
        "The investment gives {inv} a minority stake in {co} and a seat on its board.",
        "{co} said it would use the capital to buy chips and expand its data-center footprint.",
        "As part of the agreement, {co} will use {inv} as a preferred cloud provider.",
    ),
    "funding": (
        "Existing investors {others} also took part in the round.",
        "The {noun} said it would use the money to buy chips and expand its data-center footprint.",
        "The round values {co} at {val}, more than twice its valuation a year earlier.",
        "{co} has now raised more than {amt} since it was founded in {founded}.",
    ),
    "datacenter": (
        "The first phase, with {power} of capacity, is due to come online in {year}.",
        "The campus will be powered in part by a new {energy} plant built by {seller}.",
        "{co} said the site in {city} was chosen for its access to power, water and fibre.",
        "The project will bring {co}'s total capacity in {country} to {power}.",
    ),
    "ppa": (
        "The agreement runs for {years} years and starts in {year}.",
        "{seller} said the contract would help finance a new {energy} project in {place}.",
        "Power purchase agreements let data-center operators lock in prices for a decade or more.",
    ),
    "acquisition": (
        "The deal values {target} at {val} including debt.",
        "{target} operates facilities in {country} with a combined {power} of capacity.",
        "The acquisition is expected to close in {year}, subject to regulatory approval.",
    ),
    "partnership": (
        "The two companies did not disclose the financial terms of the partnership.",
        "Under the agreement, {a} will provide computing capacity and {b} will provide land and power.",
        "The first joint project is planned for {city}, where the partners have secured {power} of power.",
    ),
    "supply": (
        "Deliveries are expected to start in {year} and run for {years} years.",
        "The contract is one of the largest {supplier} has signed with a single customer.",
        "{customer} will use the hardware to train and serve its models from {city}.",
    ),
}

#: Title phrasings of the kinds that can lead an article.
TITLES: dict[str, tuple[str, ...]] = {
    "invest_country": ("{inv} to invest {amt} in {country}", "{inv} commits {amt} to {country}"),
    "invest_company": ("{inv} invests {amt} in {co}", "{inv} backs {co} with {amt}"),
    "funding": ("{co} raises {amt} in round led by {lead}", "{co} valued at {val} after {amt} raise"),
    "datacenter": ("{co} plans {power} data center in {place}", "{co} to build AI campus in {place}"),
    "ppa": ("{buyer} signs {power} power deal with {seller}", "{seller} to power {buyer} data centers"),
    "acquisition": ("{acq} to buy {target} for {amt}", "{acq} agrees {amt} deal for {target}"),
    "partnership": ("{a} and {b} partner on AI infrastructure", "{a} teams up with {b}"),
    "supply": ("{supplier} lands {amt} deal with {customer}", "{supplier} to supply {customer}"),
}

#: Hedged, rumoured and denied deals (they carry a status, not facts).
HEDGED: tuple[str, ...] = (
    "{co} is in talks to raise {amt} at a valuation of {val}, people familiar with the matter said.",
    "{acq} is considering a bid for {target}, according to media reports.",
    "{inv} may invest as much as {amt} in {country}, according to people briefed on the plans.",
    "{co} denied reports that it planned to build a data center in {country}.",
    "{acq} has no plans to acquire {target}, a spokesperson said.",
    "{a} is reportedly exploring a partnership with {b} on chips and cloud capacity.",
    "{inv} was said to be weighing a {amt} investment in {co}, though no decision had been made.",
)

QUOTES: tuple[str, ...] = (
    '"Demand for computing continues to outstrip supply," said {person}, {title} of {co}.',
    '"This is a long-term commitment to {country}," {person}, {title} at {co}, said in a statement.',
    '"We are building for the next decade of AI," {person} told reporters on {day}.',
    '"Power is now the constraint, not chips," {person}, the {title} of {co}, said at a conference.',
    '"Our customers want capacity where their users are," said {person}, {title} at {co}.',
    '"We expect to bring the first halls online in {year}," {person} said.',
)

#: Background sentences: actors, places and figures, but no deal.
CONTEXT: tuple[str, ...] = (
    "Spending on AI infrastructure has climbed sharply as {hyper} and {hyper2} race to secure chips, land "
    "and electricity.",
    "Analysts at {analyst} estimate that data-center power demand in {country} could double by {year}.",
    "Grid operators in {region} have warned that new connections can take five years or more.",
    "Shares of {co} rose {pct}% in early trading after the announcement.",
    "{co} did not disclose the financial terms of the agreement.",
    "The announcement follows a string of large deals across the industry this year.",
    "Local officials welcomed the project, citing construction jobs and tax revenue.",
    "Critics have questioned whether the grid can absorb so much new demand without raising household bills.",
    "Water use has become a sensitive issue for data-center developers in {state}.",
    "{gov} said it would speed up permits for projects that bring new generation onto the grid.",
    "The project still needs approval from {gov}.",
    "Prices for high-end GPUs have eased slightly since last year, although supply remains tight.",
    "{analyst} expects global data-center capacity to grow by about {pct}% a year through {year}.",
    "The company reported quarterly revenue of {amt}, ahead of analyst estimates.",
    "Construction is expected to begin in {month} and take about {months} months.",
    "The site sits close to a substation and fibre routes that connect it to {city}.",
    "Several rivals have announced similar projects in {country} and neighbouring markets.",
    "The facility will use liquid cooling to support racks of the latest accelerators.",
    "{person}, {title} of {co}, said in a call with analysts that the company remained capacity constrained.",
    "Investors have poured money into companies that rent out GPUs, betting that demand will last.",
    "Some analysts warn that the spending boom could leave the industry with more capacity than it needs.",
    "The deal is subject to regulatory approvals and is expected to close in {month} {year}.",
    "Officials in {city} said the project would create about {n} permanent jobs.",
    "{co} has been one of the most active buyers of renewable power in {region}.",
    "Electricity prices in {country} have risen as utilities invest in transmission lines.",
    "Demand for AI services has lifted sales of chips, memory and networking gear.",
    "The company has said it expects capital expenditure to keep rising next year.",
    "Land near major fibre routes in {state} now sells for several times what it did five years ago.",
    "{hyper} has said it will spend {amt} on capital projects this fiscal year, most of it on AI.",
    "Developers increasingly pair new campuses with gas turbines, batteries or nuclear contracts.",
    "Residents near the site have raised concerns about noise and traffic during construction.",
    "The region already hosts facilities operated by {hyper}, {hyper2} and several smaller providers.",
    "Tax incentives for data centers in {state} have drawn scrutiny from state lawmakers.",
    "The government of {country} has set a target to triple its data-center capacity by {year}.",
    "Supply chains for transformers and switchgear remain stretched, with lead times of two years.",
    "{person} joined {co} as {title} in {founded} after a career in telecommunications.",
    "The first tenant is expected to be an AI developer that needs thousands of GPUs in one place.",
    "Most of the new capacity will be used for inference rather than training, executives said.",
    "Rating agency {analyst} said the financing would not change its view of the company's credit.",
    "Interest in sovereign AI has pushed governments from {region} to fund national computing centers.",
)

#: Sentences :func:`benchmarks.synth.mutate` appends to a changed article.
UPDATES: tuple[str, ...] = (
    "{co} said on {day} that the first phase would be delayed until {year}.",
    "In an update on {day}, {co} said the project had received its final permits.",
    "{co} later raised its planned spending on the project to {amt}.",
    "A spokesperson for {co} said on {day} that construction was ahead of schedule.",
)
