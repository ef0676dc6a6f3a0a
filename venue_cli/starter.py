"""The starter dataset that `venues init FILE` writes: small, valid and commented."""

STARTER = """\
# A starter dataset for `venues` (schema_version 2). Replace the example records with your own.
# Every statement and fact needs a date and a source; see `venues docs format` or run
# `venues schema` for the full format. Check your file with: venues validate THIS_FILE
schema_version: 2

case:
  id: my-case                      # lowercase letters, digits and '-'
  title: "Example: leaders of Alpha and Beta"
  summary: >-
    Two governments in a dispute must agree where their leaders meet. A mediator,
    Gamma, has offered to help. Replace this text with your own case.
  meeting: leaders                 # the kind of meeting being placed
  meeting_kinds:                   # every kind of meeting a statement may be about
    leaders: "a meeting of the two leaders"
    talks:
      description: "talks between officials"
      relatedness: 0.5             # how far a remark about talks bears on a leaders' meeting
      level: delegations           # no leader attends: arrest warrants do not matter
  principals: [alpha, beta]        # the adversaries who must both attend
  groups:                          # venue groups a blanket remark can cover
    abroad: "venues outside Alpha and Beta"
  # decision_date: 2024-05-01      # for a historical case: the day the venue was chosen

sources:                           # every source cited below
  - id: example-2024-03-01
    outlet: "Example Times"
    url: "https://example.org/news/1"
    date: 2024-03-01               # the page's date; null if it showed none
  - id: example-2024-03-05
    outlet: "Example Wire"
    date: 2024-03-05
    reliability: weak              # weak: state media, aggregator or mirror

parties:
  - id: alpha
    name: Alpha
    role: principal
    country: "AA"                  # quote ISO codes: an unquoted NO would become false
    leader: "President of Alpha"
    joint_weight: 1                # its weight in the joint score
    joint_weight_rationale: "a principal: must attend"
    criteria:                      # what it cares about; weights are normalised to sum 1
      security: {weight: 0.4, rationale: "its leader avoids hostile ground"}
      neutrality: {weight: 0.3, rationale: "it distrusts hosts close to Beta"}
      home_turf: {weight: 0.3, rationale: "it wants the optics of a home meeting"}
  - id: beta
    name: Beta
    role: principal
    country: "BB"
    joint_weight: 1
    joint_weight_rationale: "a principal: must attend"
    criteria:
      security: {weight: 0.5, rationale: "its leader fears for his safety abroad"}
      neutrality: {weight: 0.5, rationale: "it asked for a neutral venue"}
  - id: gamma
    name: Gamma
    role: mediator
    country: "GG"
    joint_weight: 0.5
    joint_weight_rationale: "the mediator: its readiness matters, it need not attend"
    criteria:
      readiness: {weight: 1, rationale: "it wants a host that has said yes"}

venues:
  - id: alpha-city
    name: Alpha City
    city: Alpha City
    country: "AA"
    country_name: Alpha
    aliases: [Alpha]
    host: alpha
  - id: beta-city
    name: Beta City
    city: Beta City
    country: "BB"
    country_name: Beta
    host: beta
  - id: gamma-city
    name: Gamma City
    city: Gamma City
    country: "GG"
    country_name: Gamma
    aliases: [Gamma]
    groups: [abroad]
    host: gamma

statements:                        # what each party said about which venue, and when
  - id: alpha-proposes-home
    date: 2024-03-01
    party: alpha
    speaker: "President of Alpha"
    venues: [alpha-city]
    stance: proposes               # proposes | accepts | open | reluctant | rejects
    meeting: leaders
    quote: "Let him come to Alpha City."
    attribution: first_hand        # first_hand | reported | paraphrase
    confidence: high               # high | medium | low
    sources: [example-2024-03-01]
  - id: beta-rejects-alpha
    date: 2024-03-02
    party: beta
    speaker: "Prime Minister of Beta"
    venues: [alpha-city]
    stance: rejects                # a principal's rejection is a veto
    meeting: leaders
    quote: "I will not go to Alpha City."
    attribution: first_hand
    confidence: high
    sources: [example-2024-03-01]
  - id: gamma-offers
    date: 2024-03-05
    party: gamma
    speaker: "Foreign Minister of Gamma"
    venues: [gamma-city]
    stance: proposes
    meeting: leaders
    quote: "Gamma stands ready to host both leaders."
    attribution: reported
    confidence: medium
    sources: [example-2024-03-05]
  - id: beta-open-abroad
    date: 2024-03-05
    party: beta
    speaker: "Prime Minister of Beta"
    covers: abroad                 # a blanket remark: no venue named; it counts for less
    stance: open
    meeting: leaders
    quote: "We could meet him in a third country."
    attribution: reported
    confidence: medium
    sources: [example-2024-03-05]

facts:                             # dated facts the criteria are derived from
  - id: gamma-neutral
    kind: neutrality_status
    country: "GG"
    status: declared
    date: 2020-01-01
    summary: "Gamma declared itself neutral in the dispute."
    confidence: medium
    sources: [example-2024-03-01]

events:                            # talks that actually took place
  - id: talks-gamma-2023
    date: 2023-11-10
    country: "GG"
    venue: gamma-city
    place: "Gamma City"
    kind: talks
    meeting: talks
    parties: [alpha, beta]
    mediators: [gamma]             # who mediated: the mediation record counts for Gamma
    summary: "Officials of Alpha and Beta met in Gamma City."
    sources: [example-2024-03-01]
    confidence: high

assessments:                       # judged values, each with a one-line rationale
  - id: beta-security-in-alpha
    criterion: security
    venue: alpha-city
    party: beta
    value: 0.1
    date: 2024-03-02
    rationale: "Beta's leader would be on the territory of the other side."
    confidence: medium
"""
